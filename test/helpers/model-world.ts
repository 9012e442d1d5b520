// The small world the model-based tests write in: a few contacts, companies, deals and tickets,
// the labels they may create, and the drafts (indexes) that commands turn into pairs and types
// against the state at the time they run.
import assert from 'node:assert/strict';
import { DEFAULT_PORTAL_ID } from '../../src/http/build-app.js';
import { expected, type Answer } from './model-answers.js';
import { RegisterModel, type LabelDefinition } from './register-model.js';
import type { TestApp } from './test-app.js';
import { pick } from './collision-writes.js';
import { pathName, specKey, type KnownType, type Pair, type Spec } from './type-collisions.js';

const CONTACT = '0-1';
const COMPANY = '0-2';
const DEAL = '0-3';
const TICKET = '0-5';

/** How many records of each object type a world holds. */
const RECORDS: readonly (readonly [string, number])[] = [
  [CONTACT, 3],
  [COMPANY, 3],
  [DEAL, 2],
  [TICKET, 2],
];

/** An id no record has: inputs naming it fail (W6). */
export const MISSING_ID = '10000009999';

/**
 * The object-type pairs commands write between. Company to company (Parent/Child 13/14) is left
 * out: whether a company may have several parents is not settled in the register yet.
 */
export const OBJECT_PAIRS: readonly (readonly [string, string])[] = [
  [CONTACT, COMPANY],
  [CONTACT, CONTACT],
  [TICKET, COMPANY],
  [DEAL, COMPANY],
  [CONTACT, DEAL],
  [CONTACT, TICKET],
  [DEAL, TICKET],
];

/** Labels a run may create, each between a pair of object types, texts all distinct. */
export const LABEL_POOL: readonly {
  readonly path: readonly [string, string];
  readonly definition: LabelDefinition;
}[] = [
  {
    path: [CONTACT, CONTACT],
    definition: { name: 'mentor', label: 'Mentor', inverseLabel: 'Mentee' },
  },
  { path: [CONTACT, CONTACT], definition: { name: 'peer', label: 'Peer' } },
  {
    path: [CONTACT, COMPANY],
    definition: { name: 'former', label: 'Former employee', inverseLabel: 'Former employer' },
  },
  {
    path: [COMPANY, CONTACT],
    definition: { name: 'referrer', label: 'Referrer', inverseLabel: 'Referred' },
  },
  {
    path: [DEAL, COMPANY],
    definition: { name: 'reseller', label: 'Reseller', inverseLabel: 'Resold deal' },
  },
  {
    path: [TICKET, COMPANY],
    definition: { name: 'vendor', label: 'Vendor', inverseLabel: 'Vendor ticket' },
  },
  {
    path: [DEAL, TICKET],
    definition: { name: 'blocker', label: 'Blocked by', inverseLabel: 'Blocks' },
  },
];

/** A world: the app, the model of its portal, and the ids of its records by object type. */
export interface World {
  readonly app: TestApp;
  readonly model: RegisterModel;
  readonly ids: ReadonlyMap<string, readonly string[]>;
}

/** Asserts an answer against the model's, naming the request. */
export function assertAnswer(what: string, actual: Answer, wanted: Answer): void {
  assert.deepEqual(actual, expected(wanted), what);
}

/** Empties the portal (ids start again, L1, O6) and creates the world's records. */
export async function freshWorld(app: TestApp): Promise<World> {
  const reset = await app.request('POST', `/_emulator/portals/${DEFAULT_PORTAL_ID}/reset`);
  assert.equal(reset.status, 204, reset.text);
  const model = new RegisterModel();
  const ids = new Map<string, string[]>();
  for (const [objectType, count] of RECORDS) {
    const created = await app.createRecords(pathName(objectType), count);
    model.addRecords(objectType, created);
    ids.set(objectType, created);
  }
  return { app, model, ids };
}

/** The ids of an object type's records in the world. */
export function idsOf(world: World, objectType: string): readonly string[] {
  const ids = world.ids.get(objectType);
  if (!ids) throw new Error(`the world has no ${objectType} records`);
  return ids;
}

/** Which records an input joins and which types it names, as indexes resolved when it runs. */
export interface InputDraft {
  readonly from: number;
  readonly to: number;
  /** For records of one object type: the other direction (swaps the two records). */
  readonly swap: boolean;
  readonly types: readonly number[];
  /** Whether the to-record is an id no record has. */
  readonly missing: boolean;
}

/** The direction of a command's object-type pair. */
export function directionOf(pair: readonly [string, string], backwards: boolean): [string, string] {
  const [a, b] = pair;
  return backwards ? [b, a] : [a, b];
}

/** The two records a draft names, never a record with itself. */
export function pairOfDraft(
  world: World,
  [from, to]: readonly [string, string],
  draft: InputDraft,
): Pair {
  const froms = idsOf(world, from);
  const tos = idsOf(world, to);
  let fromId = pick(froms, draft.from);
  let toId = pick(tos, draft.to);
  if (from === to && toId === fromId) toId = pick(tos, draft.to + 1);
  if (from === to && draft.swap) [fromId, toId] = [toId, fromId];
  if (draft.missing) toId = MISSING_ID;
  return { fromType: from, fromId, toType: to, toId };
}

/** What a request may name from one object type to another: HubSpot's types, and every label
 * ever created there (a deleted one is refused). */
export function candidateTypes(world: World, from: string, to: string): KnownType[] {
  const builtIn = world.model.types
    .between(from, to)
    .filter((type) => type.category === 'HUBSPOT_DEFINED');
  return [...builtIn, ...world.model.labelsEver(from, to)];
}

/** The types a draft picks by index among the candidates, each once. */
export function specsOfDraft(world: World, pair: Pair, indexes: readonly number[]): Spec[] {
  const candidates = candidateTypes(world, pair.fromType, pair.toType);
  const picked = indexes.map((index) => pick(candidates, index));
  return [
    ...new Map(
      picked.map((type) => [specKey(type), { category: type.category, typeId: type.typeId }]),
    ).values(),
  ];
}

/** The one type a draft picks (its first index), for the doors that name one type. */
export function typeOfDraft(world: World, pair: Pair, draft: InputDraft): KnownType {
  return pick(candidateTypes(world, pair.fromType, pair.toType), draft.types[0] ?? 0);
}

export const wireSpec = (spec: Spec) => ({
  associationCategory: spec.category,
  associationTypeId: spec.typeId,
});
