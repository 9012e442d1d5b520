// Looks up association types by object-type pair and (category, typeId), in either direction.
import { HUBSPOT_DEFINED_TYPES, type HubSpotDefinedType } from './catalog/hubspot-defined-types.js';
import type { AssociationSpec, AssociationType } from './model.js';

/**
 * Primary types whose from-record may have only one target through them ("X to primary Y").
 * Their inverses ("Primary Y to X") limit the to-record instead. Source: the reference's §4.7.
 */
const PRIMARY_OWNED_BY_FROM = new Set([1, 5, 26, 509, 578, 580, 582, 1299]);

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
  };
}

function pairKey(from: string, to: string): string {
  return `${from}>${to}`;
}

function specKey(category: string, typeId: number): string {
  return `${category}:${typeId}`;
}

/** The association types known to one portal: HubSpot's built-in table. */
export class AssociationTypeCatalog {
  readonly #byPair = new Map<string, AssociationType[]>();
  readonly #bySpec = new Map<string, AssociationType[]>();

  constructor(types: readonly AssociationType[]) {
    for (const type of types) {
      const pair = pairKey(type.fromObjectTypeId, type.toObjectTypeId);
      this.#byPair.set(pair, [...(this.#byPair.get(pair) ?? []), type]);
      const spec = specKey(type.category, type.typeId);
      this.#bySpec.set(spec, [...(this.#bySpec.get(spec) ?? []), type]);
    }
    for (const list of this.#byPair.values()) list.sort(compareTypes);
  }

  /** Every type from one object type to another, unlabeled first. */
  between(fromObjectTypeId: string, toObjectTypeId: string): readonly AssociationType[] {
    return this.#byPair.get(pairKey(fromObjectTypeId, toObjectTypeId)) ?? [];
  }

  /** The type with this spec between the pair, if the pair has it. */
  find(fromObjectTypeId: string, toObjectTypeId: string, spec: AssociationSpec) {
    return this.between(fromObjectTypeId, toObjectTypeId).find(
      (type) => type.category === spec.category && type.typeId === spec.typeId,
    );
  }

  /** The type with this spec whose from-side is the given object type, whatever its to-side. */
  findFrom(fromObjectTypeId: string, spec: AssociationSpec): AssociationType | undefined {
    return this.#bySpec
      .get(specKey(spec.category, spec.typeId))
      ?.find((type) => type.fromObjectTypeId === fromObjectTypeId);
  }

  /** The type a v3 name stands for between the pair (names are case-insensitive). */
  findByV3Name(fromObjectTypeId: string, toObjectTypeId: string, name: string) {
    const wanted = name.toLowerCase();
    return this.between(fromObjectTypeId, toObjectTypeId).find((type) => type.v3Name === wanted);
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
