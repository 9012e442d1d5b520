// Property values as HubSpot limits them: a string value holds at most 65,536 characters.
import { DomainError } from '../errors.js';
import type { Properties } from '../model.js';
import type { StandardObjectType } from '../object-types.js';
import { clientWritable } from './merged-ids.js';
import { assertSchemaValues } from './object-schemas.js';

/** HubSpot's documented limit for a string property's value, in characters. */
export const MAX_PROPERTY_VALUE_LENGTH = 65_536;

/**
 * HubSpot's refusal of property values: "Property values were not valid: " and a JSON list with
 * one entry per refused property.
 */
function invalidPropertyValues(names: readonly string[]): DomainError {
  const entries = names.map((name) => {
    const message = `Property "${name}" has a value longer than ${MAX_PROPERTY_VALUE_LENGTH} characters`;
    return {
      isValid: false,
      message,
      error: 'MAX_LENGTH_EXCEEDED',
      name,
      localizedErrorMessage: message,
    };
  });
  return new DomainError(
    'INVALID_INPUT',
    `Property values were not valid: ${JSON.stringify(entries)}`,
    { propertyName: [...names] },
  );
}

/**
 * The properties a client's create, update or upsert writes: refused whole when a value is too
 * long; server-kept properties dropped.
 */
export function clientPropertyValues(properties: Properties): Properties {
  const tooLong = Object.entries(properties)
    .filter(([, value]) => typeof value === 'string' && value.length > MAX_PROPERTY_VALUE_LENGTH)
    .map(([name]) => name);
  if (tooLong.length > 0) throw invalidPropertyValues(tooLong);
  return clientWritable(properties);
}

/**
 * The properties a write to a record of `type` stores: for a custom type, checked against its
 * schema first (defined properties, enumeration options, and on create the required ones).
 */
export function recordPropertyValues(
  type: StandardObjectType,
  properties: Properties,
  creating: boolean,
): Properties {
  if (type.schema) assertSchemaValues(type.schema, properties, creating);
  return clientPropertyValues(properties);
}
