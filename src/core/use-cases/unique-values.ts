// Unique-value properties in record writes: which of a type's properties are unique, and the
// refusal of a write that leaves two live records of the type with one value of such a property.
import { builtInProperties } from '../catalog/properties.js';
import type { Properties, PropertyDefinition, RecordId } from '../model.js';
import type { StandardObjectType } from '../object-types.js';
import type { StoreTransaction } from '../ports.js';
import {
  asciiLowerCase,
  nonUniqueProperty,
  uniquePropertiesOf,
  uniqueValueExists,
} from '../rules/unique-properties.js';

/** The record id as a property: naming it as `idProperty` reads by record id. */
const RECORD_ID_PROPERTY = 'hs_object_id';

/** One record a write left, and the properties the write gave it. */
export interface UniqueWrite {
  readonly id: RecordId;
  readonly properties: Properties;
}

/**
 * The unique properties of a type as the transaction sees them. A standard type's defined ones
 * are read only when the writes name a property that is not built in: HubSpot's own names are
 * never definitions, so most writes read nothing more.
 */
export async function uniqueProperties(
  tx: StoreTransaction,
  portalId: number,
  type: StandardObjectType,
  writes: readonly Properties[],
): Promise<string[]> {
  if (type.schema) return uniquePropertiesOf(type, []);
  const builtIn = new Set(builtInProperties(type.id).map((property) => property.name));
  const named = new Set(writes.flatMap((properties) => Object.keys(properties)));
  if ([...named].every((name) => builtIn.has(name))) return uniquePropertiesOf(type, []);
  const entries = await tx.listPropertySchema(portalId, type.id);
  const defined = entries.flatMap((entry): PropertyDefinition[] =>
    entry.kind === 'property' ? [entry.property] : [],
  );
  return uniquePropertiesOf(type, defined);
}

/**
 * Refuses (HubSpot's 409) writes, already applied in the transaction, that leave a value of a
 * unique property on more than one live record: the first input in order whose value another
 * record holds is named, with that record. Two inputs of one batch with one value: the later
 * one is refused, naming the earlier one's record. The lookups go through the store's indexes,
 * one per unique property the writes give values.
 */
export async function assertUniqueValues(
  tx: StoreTransaction,
  portalId: number,
  type: StandardObjectType,
  unique: readonly string[],
  writes: readonly UniqueWrite[],
): Promise<void> {
  for (const property of unique) {
    const given = writes.flatMap(({ id, properties }, index) => {
      const value = properties[property];
      return value === undefined || value === '' ? [] : [{ id, index, value }];
    });
    if (given.length === 0) continue;
    const holders = new Map<string, RecordId[]>();
    const records = await tx.findRecordsByProperty(
      portalId,
      type.id,
      property,
      given.map(({ value }) => value),
      false,
    );
    for (const record of records) {
      const key = asciiLowerCase(record.properties[property] ?? '');
      holders.set(key, [...(holders.get(key) ?? []), record.id]);
    }
    // Which input gave each record its value: a holder a later input wrote answers for itself.
    const writtenAt = new Map<string, Map<RecordId, number>>();
    for (const { id, index, value } of given) {
      const key = asciiLowerCase(value);
      const byId = writtenAt.get(key) ?? new Map<RecordId, number>();
      if (!byId.has(id)) byId.set(id, index);
      writtenAt.set(key, byId);
    }
    for (const { id, index, value } of given) {
      const key = asciiLowerCase(value);
      const existing = (holders.get(key) ?? []).find(
        (holder) => holder !== id && (writtenAt.get(key)?.get(holder) ?? -1) < index,
      );
      if (existing !== undefined) throw uniqueValueExists(type, property, value, existing);
    }
  }
}

/**
 * Refuses, as HubSpot does, a lookup by a property that does not identify records of the type
 * (`operation` names the call in the message): built-in, schema and Properties-API ones do.
 */
export async function assertUniqueProperty(
  tx: StoreTransaction,
  portalId: number,
  type: StandardObjectType,
  property: string,
  operation: string,
): Promise<void> {
  const unique = await uniqueProperties(tx, portalId, type, [{ [property]: '' }]);
  if (!unique.includes(property)) throw nonUniqueProperty(type, property, portalId, operation);
}

/**
 * The live records that values of a unique property name, by the value as compared (ASCII
 * letters lower-cased); of several (only an import can leave several) the lowest id. Refuses a
 * property that is not unique as HubSpot does (`operation` names the call in the message).
 */
export async function recordIdsByUniqueValue(
  tx: StoreTransaction,
  portalId: number,
  type: StandardObjectType,
  property: string,
  values: readonly string[],
  operation: string,
): Promise<Map<string, RecordId>> {
  await assertUniqueProperty(tx, portalId, type, property, operation);
  const wanted = values.filter((value) => value !== '');
  const found = new Map<string, RecordId>();
  if (wanted.length === 0) return found;
  for (const record of await tx.findRecordsByProperty(portalId, type.id, property, wanted, false)) {
    const key = asciiLowerCase(record.properties[property] ?? '');
    if (!found.has(key)) found.set(key, record.id);
  }
  return found;
}

/** Whether `idProperty` asks for records by a property's value rather than by record id. */
export function byPropertyValue(idProperty: string | undefined): idProperty is string {
  return idProperty !== undefined && idProperty !== '' && idProperty !== RECORD_ID_PROPERTY;
}
