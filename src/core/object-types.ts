// Resolves the object-type names HubSpot accepts in paths (ids, plurals, singulars) to one type.
import { STANDARD_OBJECT_TYPES, type StandardObjectType } from './catalog/object-types.js';
import { DomainError } from './errors.js';

const BY_NAME = new Map<string, StandardObjectType>();
const BY_ID = new Map<string, StandardObjectType>();
for (const type of STANDARD_OBJECT_TYPES) {
  BY_ID.set(type.id, type);
  for (const name of [type.id, type.plural, ...type.aliases]) BY_NAME.set(name.toLowerCase(), type);
}

/** The object type a path segment names, matched case-insensitively; throws if none. */
export function resolveObjectType(name: string): StandardObjectType {
  const type = BY_NAME.get(name.toLowerCase());
  if (!type) {
    throw new DomainError('UNKNOWN_OBJECT_TYPE', `Unable to infer object type from: ${name}`, {
      objectType: [name],
    });
  }
  return type;
}

/** The object type with this canonical id; the id must be one the catalog defines. */
export function objectTypeById(id: string): StandardObjectType {
  const type = BY_ID.get(id);
  if (!type) throw new Error(`no object type ${id} in the catalog`);
  return type;
}

/** Lower-case singular name, as HubSpot writes object types in batch error contexts. */
export function singularName(type: StandardObjectType): string {
  return type.errorName.toLowerCase();
}

export type { StandardObjectType };
