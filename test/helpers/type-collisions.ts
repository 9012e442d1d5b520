// Type id collisions for tests: labels whose USER_DEFINED ids equal HubSpot-defined ids of the same
// pair, a model of the rows writes leave behind, and reads of every family checked against it.
import assert from 'node:assert/strict';
import { HUBSPOT_DEFINED_CATALOG } from '../../src/core/association-types.js';
import { resolveObjectType } from '../../src/core/object-types.js';
import type { TestApp } from './test-app.js';

export type Category = 'HUBSPOT_DEFINED' | 'USER_DEFINED';

/** A (category, typeId) pair: the identity of an association type. */
export interface Spec {
  readonly category: Category;
  readonly typeId: number;
}

/** A type in one direction, as the test knows it (HubSpot's table, or a label it created). */
export interface KnownType extends Spec {
  readonly from: string;
  readonly to: string;
  readonly label: string | null;
  readonly inverseTypeId: number | null;
  readonly v3Name: string;
  readonly primaryOwner: 'from' | 'to' | null;
  /** Primary types' owners and the child of a parent-company type: one target each. */
  readonly oneTargetOwner: 'from' | 'to' | null;
}

export function specKey(spec: Spec): string {
  return `${spec.category}:${spec.typeId}`;
}

/** The object type id of a path name (`contacts` → `0-1`). */
export function objectTypeId(name: string): string {
  return resolveObjectType(name).id;
}

/** The path name of an object type id (`0-1` → `contacts`). */
export function pathName(objectTypeId: string): string {
  return resolveObjectType(objectTypeId).plural;
}

/** Path prefixes of each family, written out as HubSpot's definitions declare them. */
export const RECORD_PREFIXES = [
  '/crm/v4/objects',
  '/crm/objects/2025-09',
  '/crm/objects/2026-03',
  '/crm/objects/2026-09',
  '/crm/objects/2026-09-beta',
];
export const BATCH_PREFIXES = [
  '/crm/v4/associations',
  '/crm/associations/2025-09',
  '/crm/associations/2026-03',
  '/crm/associations/2026-09',
  '/crm/associations/2026-09-beta',
];
export const SCHEMA_PREFIXES = ['/crm/associations/v4', ...BATCH_PREFIXES];
export const OBJECTS_PREFIXES = [
  '/crm/v3/objects',
  '/crm/objects/2025-09',
  '/crm/objects/2026-03',
  '/crm/objects/2026-09',
  '/crm/objects/2026-09-beta',
];

/** HubSpot's types (the built-in table) and the labels a test created, by direction. */
export class TypeTable {
  readonly #labels = new Map<string, KnownType[]>();

  between(from: string, to: string): KnownType[] {
    const builtIn = HUBSPOT_DEFINED_CATALOG.between(from, to).map((type): KnownType => ({
      category: 'HUBSPOT_DEFINED',
      typeId: type.typeId,
      from,
      to,
      label: type.label,
      inverseTypeId: type.inverseTypeId,
      v3Name: type.v3Name,
      primaryOwner: type.primaryOwner,
      oneTargetOwner: type.oneTargetOwner,
    }));
    return [...builtIn, ...(this.#labels.get(`${from}>${to}`) ?? [])];
  }

  /** The type with this identity from one object type to another, if there is one. */
  lookup(from: string, to: string, spec: Spec): KnownType | undefined {
    return this.between(from, to).find((known) => specKey(known) === specKey(spec));
  }

  find(from: string, to: string, spec: Spec): KnownType {
    const type = this.lookup(from, to, spec);
    if (!type) throw new Error(`the test knows no ${specKey(spec)} from ${from} to ${to}`);
    return type;
  }

  /**
   * The type a v3 name stands for. A label between records of one object type names both of its
   * directions alike; v3 takes the label's own type id, the lower of the two.
   */
  byV3Name(from: string, to: string, name: string): KnownType {
    const first = this.lookupV3Name(from, to, name);
    if (!first) throw new Error(`the test knows no type named ${name} from ${from} to ${to}`);
    return first;
  }

  /** `byV3Name`, or undefined where the name stands for no type of the direction. */
  lookupV3Name(from: string, to: string, name: string): KnownType | undefined {
    const named = this.between(from, to).filter((type) => type.v3Name === name);
    return named.sort((a, b) => a.typeId - b.typeId)[0];
  }

  /** Whether v3 can name this type: its v3 name stands for it and not another direction. */
  v3Names(from: string, to: string, spec: Spec): boolean {
    const named = this.byV3Name(from, to, this.find(from, to, spec).v3Name);
    return specKey(named) === specKey(spec);
  }

  inverseOf(type: KnownType): KnownType | undefined {
    if (type.inverseTypeId === null) return undefined;
    return this.find(type.to, type.from, { category: type.category, typeId: type.inverseTypeId });
  }

  unlabeled(from: string, to: string): KnownType | undefined {
    return this.between(from, to).find((type) => type.label === null);
  }

  /** Adds both directions of a created label. */
  addLabel(label: LabelCreated): void {
    const common = {
      category: 'USER_DEFINED',
      v3Name: label.name,
      primaryOwner: null,
      oneTargetOwner: null,
    } as const;
    const forward = { ...common, typeId: label.typeId, from: label.from, to: label.to };
    const backward = { ...common, typeId: label.inverseTypeId, from: label.to, to: label.from };
    this.#push({ ...forward, label: label.label, inverseTypeId: label.inverseTypeId });
    this.#push({ ...backward, label: label.inverseLabel, inverseTypeId: label.typeId });
  }

  /** Renames a label: the direction with `typeId` takes `label`, the other `inverseLabel`. */
  renameLabel(typeId: number, label: string, inverseLabel: string): void {
    for (const [key, types] of this.#labels) {
      const inverse = types.find((type) => type.inverseTypeId === typeId);
      this.#labels.set(
        key,
        types.map((type) => {
          if (type.typeId === typeId) return { ...type, label };
          return type === inverse ? { ...type, label: inverseLabel } : type;
        }),
      );
    }
  }

  /** Removes both directions of the label with these two type ids. */
  removeLabel(typeIds: readonly number[]): void {
    for (const [key, types] of this.#labels) {
      this.#labels.set(
        key,
        types.filter((type) => !typeIds.includes(type.typeId)),
      );
    }
  }

  #push(type: KnownType): void {
    const key = `${type.from}>${type.to}`;
    this.#labels.set(key, [...(this.#labels.get(key) ?? []), type]);
  }
}

interface LabelCreated {
  readonly from: string;
  readonly to: string;
  readonly typeId: number;
  readonly inverseTypeId: number;
  readonly name: string;
  readonly label: string;
  readonly inverseLabel: string;
}

/**
 * Labels created on a fresh portal at these forward type ids (their inverse is the next id): each
 * pair of ids is also HubSpot-defined between the same object types, in the same directions.
 */
export const COLLISIONS: readonly { readonly typeId: number; readonly path: [string, string] }[] = [
  { typeId: 1, path: ['contacts', 'companies'] }, // Primary 1 and 2
  { typeId: 3, path: ['deals', 'contacts'] }, // the pair's unlabeled 3 and 4
  { typeId: 5, path: ['deals', 'companies'] }, // Primary 5 and 6
  { typeId: 13, path: ['companies', 'companies'] }, // Child company 13, Parent company 14
  { typeId: 15, path: ['contacts', 'tickets'] }, // unlabeled 15 and 16
  { typeId: 19, path: ['deals', 'line_items'] }, // unlabeled 19 and 20
  { typeId: 25, path: ['companies', 'tickets'] }, // Primary 25 and 26
  { typeId: 27, path: ['deals', 'tickets'] }, // unlabeled 27 and 28
  { typeId: 279, path: ['contacts', 'companies'] }, // unlabeled 279 and 280
  { typeId: 339, path: ['tickets', 'companies'] }, // unlabeled 339 and 340
  { typeId: 341, path: ['deals', 'companies'] }, // unlabeled 341 and 342
  { typeId: 449, path: ['contacts', 'contacts'] }, // unlabeled 449
  { typeId: 451, path: ['deals', 'deals'] }, // unlabeled 451
];

/**
 * Where filler labels go: they only move the sequence, and are deleted at once (the one that gets
 * 201/202, contact→note's HubSpot-defined ids, is deleted by its colliding id too).
 */
const FILLER_PATH = ['contacts', 'notes'] as const;

async function createLabel(
  app: TestApp,
  path: readonly [string, string],
  name: string,
  texts: readonly [string, string],
): Promise<LabelCreated> {
  const [from, to] = path;
  const response = await app.request('POST', `/crm/v4/associations/${from}/${to}/labels`, {
    name,
    label: texts[0],
    inverseLabel: texts[1],
  });
  assert.equal(response.status, 200, response.text);
  const [forward, backward] = response.body.results as { typeId: number }[];
  if (!forward || !backward) throw new Error(`a label create answered ${response.text}`);
  const [label, inverseLabel] = texts;
  return {
    from: objectTypeId(from),
    to: objectTypeId(to),
    typeId: forward.typeId,
    inverseTypeId: backward.typeId,
    name,
    label,
    inverseLabel,
  };
}

/**
 * Creates labels on a fresh portal, through the API, until every collision up to `maxTypeId` is
 * in place. Filler labels take the ids between and are deleted at once (ids are never reused),
 * so the portal keeps only the colliding labels. Asserts each got the id it aims at.
 */
export async function createCollidingLabels(app: TestApp, maxTypeId: number): Promise<TypeTable> {
  const table = new TypeTable();
  let next = 1;
  for (const collision of COLLISIONS.filter((wanted) => wanted.typeId <= maxTypeId)) {
    while (next < collision.typeId) {
      const texts = [`Filler ${next}`, `Filler ${next + 1}`] as const;
      const filler = await createLabel(app, FILLER_PATH, `filler_${next}`, texts);
      const url = `/crm/v4/associations/${FILLER_PATH.join('/')}/labels/${filler.typeId}`;
      assert.equal((await app.request('DELETE', url)).status, 204);
      next = filler.inverseTypeId + 1;
    }
    const { typeId } = collision;
    const texts = [`Collides ${typeId}`, `Collides ${typeId + 1}`] as const;
    const label = await createLabel(app, collision.path, `collides_${typeId}`, texts);
    assert.equal(label.typeId, typeId, 'the label sequence reaches the colliding id');
    table.addLabel(label);
    next = label.inverseTypeId + 1;
  }
  return table;
}

/** Two records in a direction. */
export interface Pair {
  readonly fromType: string;
  readonly fromId: string;
  readonly toType: string;
  readonly toId: string;
}

export function reversed(pair: Pair): Pair {
  return { fromType: pair.toType, fromId: pair.toId, toType: pair.fromType, toId: pair.fromId };
}

interface Row extends Pair, Spec {}

function rowKey(row: Row): string {
  return `${row.fromType}/${row.fromId}/${row.toType}/${row.toId}/${specKey(row)}`;
}

/**
 * The rows HubSpot's documented semantics leave behind: every write of a label writes the pair's
 * unlabeled type, every row its inverse; v4 writes replace a pair's labels, v3 writes add one; a
 * Primary write takes that Primary from the owner's other targets; listing the unlabeled type in
 * an archive removes the whole pair.
 */
export class AssociationModel {
  readonly #rows = new Map<string, Row>();
  readonly #types: TypeTable;

  constructor(types: TypeTable) {
    this.#types = types;
  }

  write(pair: Pair, specs: readonly Spec[], mode: 'replace' | 'add'): void {
    const types = specs.map((spec) => this.#types.find(pair.fromType, pair.toType, spec));
    const wanted = new Set(types.map(specKey));
    if (mode === 'replace') {
      for (const row of this.#rowsOf(pair)) {
        const type = this.#types.find(pair.fromType, pair.toType, row);
        if (type.label !== null && !wanted.has(specKey(type))) this.#remove(pair, type);
      }
    }
    for (const type of types) this.#claim(pair, type);
    for (const direction of [pair, reversed(pair)]) {
      const unlabeled = this.#types.unlabeled(direction.fromType, direction.toType);
      if (unlabeled)
        this.#rows.set(rowKey({ ...direction, ...unlabeled }), row(direction, unlabeled));
    }
    for (const type of types) this.#add(pair, type);
  }

  archive(pair: Pair, specs: readonly Spec[]): void {
    const types = specs.map((spec) => this.#types.find(pair.fromType, pair.toType, spec));
    if (types.some((type) => type.label === null)) this.removePair(pair);
    else for (const type of types) this.#remove(pair, type);
  }

  /** A deleted label takes its rows with it, wherever they are. */
  forgetLabel(typeIds: readonly number[]): void {
    for (const [key, stored] of this.#rows) {
      if (stored.category === 'USER_DEFINED' && typeIds.includes(stored.typeId))
        this.#rows.delete(key);
    }
  }

  /** Removes everything between the pair, both directions. */
  removePair(pair: Pair): void {
    for (const direction of [pair, reversed(pair)]) {
      for (const stored of this.#rowsOf(direction)) this.#rows.delete(rowKey(stored));
    }
  }

  /** The labels the pair carries in its direction (the unlabeled type is no label). */
  labelsOf(pair: Pair): string[] {
    return this.#rowsOf(pair).flatMap((stored) => {
      const { label } = this.#types.find(pair.fromType, pair.toType, stored);
      return label === null ? [] : [label];
    });
  }

  /** The records one record reaches through one type. */
  targetsThrough(fromType: string, fromId: string, toType: string, spec: Spec): Set<string> {
    const ids = new Set<string>();
    for (const stored of this.#rows.values()) {
      const from = stored.fromType === fromType && stored.fromId === fromId;
      if (from && stored.toType === toType && specKey(stored) === specKey(spec))
        ids.add(stored.toId);
    }
    return ids;
  }

  /** A copy that later writes leave alone (for all-or-nothing calls: tried, then kept or not). */
  copy(): AssociationModel {
    const copied = new AssociationModel(this.#types);
    for (const [key, stored] of this.#rows) copied.#rows.set(key, stored);
    return copied;
  }

  /** The records (`objectType/id`) whose own rows differ between an earlier state and this. */
  changedSince(earlier: AssociationModel): Set<string> {
    const changed = new Set<string>();
    const mark = (stored: Row) => changed.add(`${stored.fromType}/${stored.fromId}`);
    for (const [key, stored] of this.#rows) if (!earlier.#rows.has(key)) mark(stored);
    for (const [key, stored] of earlier.#rows) if (!this.#rows.has(key)) mark(stored);
    return changed;
  }

  /** The types from one record to each of its targets of a type, by target id. */
  targets(fromType: string, fromId: string, toType: string): Map<string, KnownType[]> {
    const byTarget = new Map<string, KnownType[]>();
    for (const stored of this.#rows.values()) {
      if (stored.fromType !== fromType || stored.fromId !== fromId || stored.toType !== toType)
        continue;
      const type = this.#types.find(fromType, toType, stored);
      byTarget.set(stored.toId, [...(byTarget.get(stored.toId) ?? []), type]);
    }
    return byTarget;
  }

  #rowsOf(pair: Pair): Row[] {
    return [...this.#rows.values()].filter(
      (stored) =>
        stored.fromType === pair.fromType &&
        stored.fromId === pair.fromId &&
        stored.toType === pair.toType &&
        stored.toId === pair.toId,
    );
  }

  #add(pair: Pair, type: KnownType): void {
    this.#rows.set(rowKey({ ...pair, ...type }), row(pair, type));
    const inverse = this.#types.inverseOf(type);
    if (inverse)
      this.#rows.set(rowKey({ ...reversed(pair), ...inverse }), row(reversed(pair), inverse));
  }

  #remove(pair: Pair, type: KnownType): void {
    this.#rows.delete(rowKey({ ...pair, ...type }));
    const inverse = this.#types.inverseOf(type);
    if (inverse) this.#rows.delete(rowKey({ ...reversed(pair), ...inverse }));
  }

  /** A Primary or parent write: the owner's other targets through the same type lose it. */
  #claim(pair: Pair, type: KnownType): void {
    if (type.oneTargetOwner === 'to') {
      const inverse = this.#types.inverseOf(type);
      if (inverse) this.#claim(reversed(pair), inverse);
      return;
    }
    if (type.oneTargetOwner !== 'from') return;
    for (const stored of [...this.#rows.values()]) {
      const sameOwner =
        stored.fromType === pair.fromType &&
        stored.fromId === pair.fromId &&
        stored.toType === pair.toType;
      if (sameOwner && stored.toId !== pair.toId && specKey(stored) === specKey(type))
        this.#remove(stored, type);
    }
  }
}

function row(pair: Pair, spec: Spec): Row {
  return {
    fromType: pair.fromType,
    fromId: pair.fromId,
    toType: pair.toType,
    toId: pair.toId,
    category: spec.category,
    typeId: spec.typeId,
  };
}
