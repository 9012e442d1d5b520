// Looks up association types by object-type pair and (category, typeId), in either direction.
import { pushTo } from './collections.js';
import { HUBSPOT_DEFINED_TYPES, type HubSpotDefinedType } from './catalog/hubspot-defined-types.js';
import type { AssociationSpec, AssociationType, LabelDefinition } from './model.js';

/**
 * Primary types whose from-record may have only one target through them ("X to primary Y").
 * Their inverses ("Primary Y to X") limit the to-record instead. Source: the reference's §4.7.
 * HUBSPOT_DEFINED ids: only the built-in table is read against it (labels are never Primary).
 */
const PRIMARY_OWNED_BY_FROM = new Set([1, 5, 26, 509, 578, 580, 582, 1299]);

/**
 * Company hierarchy: a company has one parent. "Child to parent company" (14) is owned by its
 * from-record, the child; "Parent to child company" (13) by its to-record, the child again.
 */
const ONE_PARENT: ReadonlyMap<number, 'from' | 'to'> = new Map([
  [14, 'from'],
  [13, 'to'],
]);

function toAssociationType(row: HubSpotDefinedType): AssociationType {
  let primaryOwner: AssociationType['primaryOwner'] = null;
  if (row.isPrimary) primaryOwner = PRIMARY_OWNED_BY_FROM.has(row.typeId) ? 'from' : 'to';
  return {
    category: 'HUBSPOT_DEFINED',
    typeId: row.typeId,
    fromObjectTypeId: row.from,
    toObjectTypeId: row.to,
    label: row.label,
    inverseTypeId: row.inverseTypeId,
    v3Name: row.v3Name,
    primaryOwner,
    oneTargetOwner: primaryOwner ?? ONE_PARENT.get(row.typeId) ?? null,
  };
}

function specKey(category: string, typeId: number): string {
  return `${category}:${typeId}`;
}

/**
 * The association types known to one portal: HubSpot's built-in table, and on top of it the
 * portal's own labels (a catalog `withLabels` over the built-in one).
 */
export class AssociationTypeCatalog {
  /** Types by from-type, then to-type: two short keys, no key built per lookup. */
  readonly #byPair = new Map<string, Map<string, AssociationType[]>>();
  readonly #bySpec = new Map<string, AssociationType[]>();
  readonly #base: AssociationTypeCatalog | undefined;

  constructor(types: readonly AssociationType[], base?: AssociationTypeCatalog) {
    this.#base = base;
    for (const type of types) {
      const { fromObjectTypeId: from, toObjectTypeId: to } = type;
      let byTo = this.#byPair.get(from);
      if (!byTo) this.#byPair.set(from, (byTo = new Map<string, AssociationType[]>()));
      let list = byTo.get(to);
      if (!list) byTo.set(to, (list = [...(base?.between(from, to) ?? [])]));
      list.push(type);
      pushTo(this.#bySpec, specKey(type.category, type.typeId), type);
    }
    for (const byTo of this.#byPair.values())
      for (const list of byTo.values()) list.sort(compareTypes);
  }

  /** This catalog with a portal's labels added, both directions of each. */
  withLabels(labels: readonly LabelDefinition[]): AssociationTypeCatalog {
    if (labels.length === 0) return this;
    return new AssociationTypeCatalog(labels.flatMap(labelTypes), this);
  }

  /** Every type from one object type to another, unlabeled first. */
  between(fromObjectTypeId: string, toObjectTypeId: string): readonly AssociationType[] {
    const own = this.#byPair.get(fromObjectTypeId)?.get(toObjectTypeId);
    return own ?? this.#base?.between(fromObjectTypeId, toObjectTypeId) ?? [];
  }

  /** The type with this spec between the pair, if the pair has it. */
  find(fromObjectTypeId: string, toObjectTypeId: string, spec: AssociationSpec) {
    return this.between(fromObjectTypeId, toObjectTypeId).find(
      (type) => type.category === spec.category && type.typeId === spec.typeId,
    );
  }

  /** The type with this spec whose from-side is the given object type, whatever its to-side. */
  findFrom(fromObjectTypeId: string, spec: AssociationSpec): AssociationType | undefined {
    return (
      this.#bySpec
        .get(specKey(spec.category, spec.typeId))
        ?.find((type) => type.fromObjectTypeId === fromObjectTypeId) ??
      this.#base?.findFrom(fromObjectTypeId, spec)
    );
  }

  /**
   * Every type with this spec, whatever its pair. A HubSpot-defined id and a portal's label id
   * each name one direction, so legacy calls that give only an id find their object types here.
   */
  withSpec(spec: AssociationSpec): readonly AssociationType[] {
    const own = this.#bySpec.get(specKey(spec.category, spec.typeId)) ?? [];
    return this.#base ? [...own, ...this.#base.withSpec(spec)] : own;
  }

  /** The type a v3 name stands for between the pair (names are case-insensitive). */
  findByV3Name(fromObjectTypeId: string, toObjectTypeId: string, name: string) {
    const wanted = name.toLowerCase();
    return this.between(fromObjectTypeId, toObjectTypeId).find(
      (type) => type.v3Name.toLowerCase() === wanted,
    );
  }

  /** The unlabeled ("default") type of the pair, if the pair has one. */
  unlabeled(fromObjectTypeId: string, toObjectTypeId: string): AssociationType | undefined {
    return this.between(fromObjectTypeId, toObjectTypeId).find((type) => type.label === null);
  }

  /** The opposite direction of a type, if one is known. */
  inverseOf(type: AssociationType): AssociationType | undefined {
    if (type.inverseTypeId === null) return undefined;
    return this.find(type.toObjectTypeId, type.fromObjectTypeId, {
      category: type.category,
      typeId: type.inverseTypeId,
    });
  }
}

/**
 * The two directions of a user-defined label as association types. An association definition (a
 * custom pair's plain type, stored as a label without text) is the pair's unlabeled type; on a
 * type associated with itself it is one type, its own inverse, as HubSpot's same-type pairs are.
 */
function labelTypes(label: LabelDefinition): AssociationType[] {
  const common = {
    category: 'USER_DEFINED',
    v3Name: label.name,
    primaryOwner: null,
    oneTargetOwner: null,
  } as const;
  const plain = label.label === '';
  if (plain && label.fromObjectTypeId === label.toObjectTypeId) {
    return [
      {
        ...common,
        typeId: label.typeId,
        fromObjectTypeId: label.fromObjectTypeId,
        toObjectTypeId: label.toObjectTypeId,
        label: null,
        inverseTypeId: label.typeId,
      },
    ];
  }
  return [
    {
      ...common,
      typeId: label.typeId,
      fromObjectTypeId: label.fromObjectTypeId,
      toObjectTypeId: label.toObjectTypeId,
      label: plain ? null : label.label,
      inverseTypeId: label.inverseTypeId,
    },
    {
      ...common,
      typeId: label.inverseTypeId,
      fromObjectTypeId: label.toObjectTypeId,
      toObjectTypeId: label.fromObjectTypeId,
      label: plain ? null : label.inverseLabel,
      inverseTypeId: label.typeId,
    },
  ];
}

/** A spec with the label it carries. */
type LabelledSpec = Pick<AssociationType, 'category' | 'typeId' | 'label'>;

/** Deterministic order within a pair: unlabeled first, then HubSpot-defined, then by type id. */
export function compareTypes(a: LabelledSpec, b: LabelledSpec): number {
  if ((a.label === null) !== (b.label === null)) return a.label === null ? -1 : 1;
  if (a.category !== b.category) return a.category < b.category ? -1 : 1;
  return a.typeId - b.typeId;
}

/** The catalog of HubSpot-defined types every portal starts with. */
export const HUBSPOT_DEFINED_CATALOG = new AssociationTypeCatalog(
  HUBSPOT_DEFINED_TYPES.map(toAssociationType),
);
