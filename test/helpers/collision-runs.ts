// What the type id collision properties are made of: the pairs, the arbitraries of their runs,
// records with associations, writes as arbitraries pick them, and reads of both sides.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertEveryRead, type Side } from './collision-reads.js';
import { pick, type WriteKind, type WriteOp } from './collision-writes.js';
import type { TestApp } from './test-app.js';
import {
  COLLISIONS,
  OBJECTS_PREFIXES,
  objectTypeId,
  pathName,
  reversed,
  specKey,
  type AssociationModel,
  type Category,
  type KnownType,
  type Pair,
  type Spec,
  type TypeTable,
} from './type-collisions.js';

/** Runs per property; each makes fresh records and reads them through every family. */
export const RUNS = Number(process.env['COLLISION_RUNS'] ?? 10);

/** The object-type pairs of the collisions (as type ids), each once. */
export const PAIRS = [
  ...new Map(
    COLLISIONS.map(({ path }) => {
      const ids = [objectTypeId(path[0]), objectTypeId(path[1])] as const;
      return [[...ids].sort().join(), ids];
    }),
  ).values(),
];

/** A failed run to replay: FC_SEED and FC_PATH, as a failure report prints them. */
function replay(): { seed?: number; path?: string } {
  const seed = process.env['FC_SEED'];
  const path = process.env['FC_PATH'];
  return { ...(seed ? { seed: Number(seed) } : {}), ...(path ? { path } : {}) };
}

/**
 * Checks a property (RUNS times unless told otherwise); a failure reports the counterexample,
 * the assertion that failed, and how to replay it.
 */
export async function holds<Ts extends unknown[]>(
  property: fc.IAsyncProperty<Ts>,
  parameters: fc.Parameters<Ts> = {},
): Promise<void> {
  const details = await fc.check(property, { numRuns: RUNS, ...parameters, ...replay() });
  if (!details.failed) return;
  const error = details.errorInstance;
  assert.fail(
    `${fc.defaultReportMessage(details)}\n` +
      `Replay: FC_SEED=${details.seed} FC_PATH=${details.counterexamplePath ?? ''}\n` +
      (error instanceof Error ? error.message : String(error)),
  );
}

/** The kinds of write that store types (v4 shapes replace a pair's labels, v3 adds one). */
export const ADDS: readonly WriteKind[] = ['batch-create', 'put-labelled', 'v3-create'];

export function otherCategory(category: Category): Category {
  return category === 'USER_DEFINED' ? 'HUBSPOT_DEFINED' : 'USER_DEFINED';
}

/** The types a run names by index among those of the direction, each once. */
export function specsOf(
  types: TypeTable,
  from: string,
  to: string,
  indexes: readonly number[],
): Spec[] {
  const known = types.between(from, to);
  const picked = indexes.map((index) => pick(known, index));
  return [...new Map(picked.map((type) => [specKey(type), type])).values()];
}

/** A type id that names a type in one direction in both categories: a label's and HubSpot's. */
export interface Collision {
  readonly from: string;
  readonly to: string;
  readonly typeId: number;
  readonly hubspot: KnownType;
}

export function collisionsOf(types: TypeTable): Collision[] {
  const directions = PAIRS.flatMap(([a, b]) =>
    a === b
      ? [[a, b]]
      : [
          [a, b],
          [b, a],
        ],
  );
  return directions.flatMap(([from = '', to = '']) => {
    const known = types.between(from, to);
    return known.flatMap((label) => {
      if (label.category !== 'USER_DEFINED') return [];
      const hubspot = known.find(
        (type) => type.category === 'HUBSPOT_DEFINED' && type.typeId === label.typeId,
      );
      return hubspot ? [{ from, to, typeId: label.typeId, hubspot }] : [];
    });
  });
}

export async function oneRecord(app: TestApp, objectType: string): Promise<string> {
  const [id] = await app.createRecords(pathName(objectType), 1);
  if (!id) throw new Error('no record was created');
  return id;
}

export function pairOf(fromType: string, fromId: string, toType: string, toId: string): Pair {
  return { fromType, fromId, toType, toId };
}

/** Both sides of a pair of object types: each record towards the other type. */
export function sidesOf(
  a: string,
  as: readonly string[],
  b: string,
  bs: readonly string[],
): Side[] {
  const side = (from: string, to: string, ids: readonly string[]) => ({
    from: pathName(from),
    to: pathName(to),
    ids,
  });
  if (a === b) return [side(a, a, [...new Set([...as, ...bs])])];
  return [side(a, b, as), side(b, a, bs)].filter((read) => read.ids.length > 0);
}

/** Reads both sides through every family, or through the one of each kind `family` picks. */
export async function assertReads(
  app: TestApp,
  types: TypeTable,
  model: AssociationModel,
  sides: readonly Side[],
  family?: number,
) {
  for (const side of sides) await assertEveryRead(app, types, model, side, family);
}

export const indexes = (max: number) =>
  fc.uniqueArray(fc.nat(15), { minLength: 1, maxLength: max });

/** A write between two of a run's records, in either direction, with types picked by index. */
export const writeArbitrary = (kinds: readonly WriteKind[]) =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    family: fc.nat(5),
    backwards: fc.boolean(),
    from: fc.nat(2),
    to: fc.nat(2),
    types: indexes(4),
  });

/** The write an arbitrary stands for, between records `as` of type `a` and `bs` of type `b`. */
export function opOf(
  types: TypeTable,
  [a, b]: readonly [string, string],
  records: { readonly as: readonly string[]; readonly bs: readonly string[] },
  write: {
    kind: WriteKind;
    family: number;
    backwards: boolean;
    from: number;
    to: number;
    types: number[];
  },
): WriteOp {
  const fromId = pick(records.as, write.from);
  let toId = pick(records.bs, write.to);
  if (toId === fromId) toId = pick(records.bs, write.to + 1);
  const forward = pairOf(a, fromId, b, toId);
  const pair = write.backwards ? reversed(forward) : forward;
  const specs = specsOf(types, pair.fromType, pair.toType, write.types);
  return { kind: write.kind, family: write.family, pair, specs };
}

/**
 * Records of a pair of object types: two of each (three of one type when both ends are one
 * type), one of them created through the objects API with associations.
 */
export async function recordsOf(
  app: TestApp,
  types: TypeTable,
  model: AssociationModel,
  [a, b]: readonly [string, string],
  created: { readonly family: number; readonly to: readonly { to: number; types: number[] }[] },
) {
  const bs = await app.createRecords(pathName(b), 2);
  const associations = [...new Map(created.to.map((item) => [pick(bs, item.to), item])).entries()];
  const body = {
    properties: {},
    associations: associations.map(([to, item]) => ({
      to: { id: to },
      types: specsOf(types, a, b, item.types).map((spec) => ({
        associationCategory: spec.category,
        associationTypeId: spec.typeId,
      })),
    })),
  };
  const response = await app.request(
    'POST',
    `${pick(OBJECTS_PREFIXES, created.family)}/${pathName(a)}`,
    body,
  );
  assert.equal(response.status, 201, response.text);
  const id = String(response.body.id);
  for (const [to, item] of associations) {
    model.write(pairOf(a, id, b, to), specsOf(types, a, b, item.types), 'replace');
  }
  if (a === b) return { as: [...bs, id], bs: [...bs, id] };
  return { as: [id, await oneRecord(app, a)], bs };
}
