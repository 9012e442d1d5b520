// Resolves the object-type names HubSpot accepts in paths (ids, plurals, singulars, and a portal's
// custom types by id, fully qualified name and name) to one type.
import { STANDARD_OBJECT_TYPES, type StandardObjectType } from './catalog/object-types.js';
import { DomainError } from './errors.js';
import type { CustomObjectSchema } from './model.js';

const BY_NAME = new Map<string, StandardObjectType>();
const BY_ID = new Map<string, StandardObjectType>();
for (const type of STANDARD_OBJECT_TYPES) {
  BY_ID.set(type.id, type);
  for (const name of [type.id, type.plural, ...type.aliases]) BY_NAME.set(name.toLowerCase(), type);
}

function unknownType(name: string): DomainError {
  return new DomainError('UNKNOWN_OBJECT_TYPE', `Unable to infer object type from: ${name}`, {
    objectType: [name],
  });
}

/** The standard object type a path segment names, matched case-insensitively; throws if none. */
export function resolveObjectType(name: string): StandardObjectType {
  const type = BY_NAME.get(name.toLowerCase());
  if (!type) throw unknownType(name);
  return type;
}

/** Whether a name resolves to a standard type without the portal's custom types. */
export function isStandardTypeName(name: string): boolean {
  return BY_NAME.has(name.toLowerCase());
}

/**
 * The object type with this canonical id; the id must be one the catalog defines or a custom
 * type's. A custom type is named by its id here (in messages and error contexts): callers that
 * hold only an id read no schema for a name.
 */
export function objectTypeById(id: string): StandardObjectType {
  const type = BY_ID.get(id);
  if (type) return type;
  if (isCustomTypeId(id)) return { id, plural: id, v3Name: id, errorName: id, aliases: [] };
  throw new Error(`no object type ${id} in the catalog`);
}

/** Lower-case singular name, as HubSpot writes object types in batch error contexts. */
export function singularName(type: StandardObjectType): string {
  return type.errorName.toLowerCase();
}

/** A custom type's object type id: `2-` and its schema id. */
export function customObjectTypeId(schemaId: number): string {
  return `2-${schemaId}`;
}

/** A custom type's fully qualified name: `p<portalId>_<name>`. */
export function fullyQualifiedName(portalId: number, name: string): string {
  return `p${portalId}_${name}`;
}

/**
 * A custom schema as an object type. Its plural (the key of v3 `associations` maps) is its fully
 * qualified name; paths also name it by id, by name and by `p_<name>` (docs/fidelity.md).
 */
export function customObjectType(portalId: number, schema: CustomObjectSchema): StandardObjectType {
  const qualified = fullyQualifiedName(portalId, schema.name);
  return {
    id: customObjectTypeId(schema.id),
    plural: qualified,
    v3Name: schema.name,
    errorName: schema.name.toUpperCase(),
    aliases: [schema.name, `p_${schema.name}`],
    schema,
  };
}

/**
 * The object types one portal knows: the standard ones and its live custom types. Standard names
 * win over a custom type's bare name.
 */
export class ObjectTypeDirectory {
  readonly #byName = new Map<string, StandardObjectType>();
  readonly #byId = new Map<string, StandardObjectType>();

  constructor(readonly custom: readonly StandardObjectType[]) {
    for (const type of custom) {
      this.#byId.set(type.id, type);
      for (const name of [type.id, type.plural, ...type.aliases]) {
        const key = name.toLowerCase();
        if (!BY_NAME.has(key)) this.#byName.set(key, type);
      }
    }
  }

  /** The type a path segment names; throws UNKNOWN_OBJECT_TYPE if none. */
  resolve(name: string): StandardObjectType {
    const type = BY_NAME.get(name.toLowerCase()) ?? this.#byName.get(name.toLowerCase());
    if (!type) throw unknownType(name);
    return type;
  }

  /** The type with this canonical id, standard or the portal's. */
  byId(id: string): StandardObjectType {
    const type = BY_ID.get(id) ?? this.#byId.get(id);
    if (!type) throw new Error(`no object type ${id} in the portal`);
    return type;
  }

  /** Whether the id names a standard type or one of the portal's live custom types. */
  has(id: string): boolean {
    return BY_ID.has(id) || this.#byId.has(id);
  }
}

/** The directory of a portal without custom types. */
export const STANDARD_DIRECTORY = new ObjectTypeDirectory([]);

/** Whether an object type id is a custom type's (`2-<n>`). */
export function isCustomTypeId(id: string): boolean {
  return id.startsWith('2-');
}

export type { StandardObjectType };
