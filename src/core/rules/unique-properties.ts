// Which properties identify a record (upsert and GDPR delete by property), and how values compare.
import { DomainError } from '../errors.js';
import type { StandardObjectType } from '../object-types.js';

/**
 * Properties whose values are unique per object type. Only contacts' email so far; custom
 * properties created with `hasUniqueValue` will join this list.
 */
const UNIQUE_PROPERTIES: ReadonlyMap<string, readonly string[]> = new Map([['0-1', ['email']]]);

/** Whether `property` identifies records of the type. */
export function isUniqueProperty(type: StandardObjectType, property: string): boolean {
  if (type.schema) {
    return type.schema.properties.some(
      (defined) => defined.name === property && defined.hasUniqueValue && !defined.hubspotDefined,
    );
  }
  return UNIQUE_PROPERTIES.get(type.id)?.includes(property) ?? false;
}

/**
 * A unique value as stored and compared: ASCII letters lower-cased, as HubSpot keeps emails
 * (both store engines compare the same way, so other characters compare exactly).
 */
export function asciiLowerCase(value: string): string {
  return value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** HubSpot's answer to an upsert (or update) by a property that does not identify records. */
export function nonUniqueProperty(
  type: StandardObjectType,
  property: string,
  portalId: number,
  operation = 'update/upsert',
): DomainError {
  return new DomainError(
    'INVALID_INPUT',
    `Unable to perform ${operation} by non-unique ${type.id} property ${property} in portal ID ${portalId}`,
    { idProperty: [property], objectType: [type.id] },
  );
}
