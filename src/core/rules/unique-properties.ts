// Which properties identify a record (upsert, GDPR delete, unique values in writes), how values
// compare, and HubSpot's refusals around them.
import { DomainError } from '../errors.js';
import type { PropertyDefinition, RecordId } from '../model.js';
import type { StandardObjectType } from '../object-types.js';

/** Built-in properties whose values are unique per object type: contacts' email. */
const UNIQUE_PROPERTIES: ReadonlyMap<string, readonly string[]> = new Map([['0-1', ['email']]]);

/** HubSpot's cap on unique-value properties an object type may have (email not counted). */
export const MAX_UNIQUE_PROPERTIES = 10;

/** The type's built-in unique properties. */
export function builtInUniqueProperties(type: StandardObjectType): readonly string[] {
  return UNIQUE_PROPERTIES.get(type.id) ?? [];
}

/**
 * The unique properties of a type: a custom type's own schema properties with `hasUniqueValue`,
 * or a standard type's built-in ones and the portal's live definitions with `hasUniqueValue`.
 */
export function uniquePropertiesOf(
  type: StandardObjectType,
  defined: Iterable<PropertyDefinition>,
): string[] {
  if (type.schema) {
    return type.schema.properties
      .filter((property) => property.hasUniqueValue && !property.hubspotDefined)
      .map((property) => property.name);
  }
  const names = [...builtInUniqueProperties(type)];
  for (const definition of defined) {
    if (definition.hasUniqueValue && definition.archivedAt === null) names.push(definition.name);
  }
  return names;
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

/**
 * HubSpot's 409 for a write giving a unique property a value another record has: contacts'
 * email in HubSpot's own words ("Contact already exists. Existing ID: …"), other properties in
 * the wording of its per-property error ("A contact with email … already exists").
 */
export function uniqueValueExists(
  type: StandardObjectType,
  property: string,
  value: string,
  existingId: RecordId,
): DomainError {
  if (type.id === '0-1' && property === 'email') {
    return new DomainError(
      'UNIQUE_VALUE_EXISTS',
      `Contact already exists. Existing ID: ${existingId}`,
    );
  }
  const singular = (type.schema?.labels.singular ?? type.v3Name.replaceAll('_', ' ')).toLowerCase();
  const article = /^[aeiou]/.test(singular) ? 'An' : 'A';
  return new DomainError(
    'UNIQUE_VALUE_EXISTS',
    `${article} ${singular} with ${property} ${value} already exists. Existing ID: ${existingId}`,
    { propertyName: [property], existingId: [String(existingId)] },
  );
}

/** The refusal of an eleventh unique-value property. */
export function tooManyUniqueProperties(type: StandardObjectType, name: string): DomainError {
  return new DomainError(
    'TOO_MANY_UNIQUE_PROPERTIES',
    `Object type ${type.id} already has ${MAX_UNIQUE_PROPERTIES} unique value properties; '${name}' cannot be unique`,
    { name: [name], objectType: [type.id] },
  );
}
