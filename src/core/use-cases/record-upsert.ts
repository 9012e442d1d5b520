// Batch upsert (HubSpot's batch/upsert): update the record a unique property value names, or
// create one with that value.
import { DomainError, type BatchOutcome } from '../errors.js';
import type { CrmRecord, Properties, RecordId } from '../model.js';
import type { StandardObjectType } from '../object-types.js';
import type { StoreTransaction } from '../ports.js';
import { BATCH_LIMITS, assertBatchSize } from '../rules/batch-limits.js';
import { recordPropertyValues } from '../rules/property-values.js';
import {
  asciiLowerCase,
  builtInUniqueProperties,
  nonUniqueProperty,
} from '../rules/unique-properties.js';
import type { CoreDeps } from './deps.js';
import { assertDeclaredProperties } from './property-definitions.js';
import { assertUniqueIds } from './record-writes.js';
import { assertUniqueValues, uniqueProperties, type UniqueWrite } from './unique-values.js';

/** One input of an upsert: `id` is a value of the unique property `idProperty`. */
export interface UpsertInput {
  readonly id: string;
  readonly idProperty?: string | undefined;
  readonly properties: Properties;
}

/** An upserted record, and whether the upsert created it (the wire's `new`). */
export interface UpsertResult {
  readonly record: CrmRecord;
  readonly created: boolean;
}

/**
 * The property HubSpot's upsert falls back on without `idProperty`: the record id, which is not
 * a unique property, so such an upsert fails as it does when `hs_object_id` is named.
 */
const FALLBACK_ID_PROPERTY = 'hs_object_id';

/** An input with its unique property resolved and its value as stored and compared. */
interface KeyedInput {
  readonly property: string;
  /** The value as compared (ASCII letters lower-cased). */
  readonly value: string;
  /** The value a created record gets: emails lower-cased, as HubSpot keeps them; others as sent. */
  readonly stored: string;
  readonly properties: Properties;
}

function keyed(
  type: StandardObjectType,
  portalId: number,
  unique: readonly string[],
  input: UpsertInput,
  defaultIdProperty: string | undefined,
): KeyedInput {
  const property = input.idProperty ?? defaultIdProperty ?? FALLBACK_ID_PROPERTY;
  if (!unique.includes(property)) throw nonUniqueProperty(type, property, portalId);
  if (input.id.trim() === '') {
    throw new DomainError('INVALID_INPUT', `An upsert id must be a value of ${property}`, {
      idProperty: [property],
    });
  }
  return {
    property,
    value: asciiLowerCase(input.id),
    stored: builtInUniqueProperties(type).includes(property) ? asciiLowerCase(input.id) : input.id,
    properties: recordPropertyValues(type, input.properties, false),
  };
}

/** For each (property, value) of the inputs, the live record with it; the lowest id wins. */
async function existing(
  tx: StoreTransaction,
  portalId: number,
  type: StandardObjectType,
  inputs: readonly KeyedInput[],
): Promise<Map<string, CrmRecord>> {
  const byProperty = new Map<string, string[]>();
  for (const { property, value } of inputs) {
    byProperty.set(property, [...(byProperty.get(property) ?? []), value]);
  }
  const found = new Map<string, CrmRecord>();
  for (const [property, values] of byProperty) {
    const records = await tx.findRecordsByProperty(portalId, type.id, property, values, false);
    for (const record of records) {
      const key = `${property}:${asciiLowerCase(record.properties[property] ?? '')}`;
      if (!found.has(key)) found.set(key, record);
    }
  }
  return found;
}

/**
 * Updates the records the inputs' unique values name (properties merged, as batch update does)
 * and creates the others with the value set, in one transaction; results in input order.
 */
export async function upsertRecords(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  inputs: readonly UpsertInput[],
  defaultIdProperty?: string,
): Promise<BatchOutcome<UpsertResult>> {
  assertBatchSize(inputs.length, BATCH_LIMITS.objects);
  return deps.store.transaction(async (tx) => {
    // The unique properties are the portal's: an idProperty defined with hasUniqueValue counts.
    const named = inputs.map((input) => ({
      ...input.properties,
      [input.idProperty ?? defaultIdProperty ?? FALLBACK_ID_PROPERTY]: input.id,
    }));
    const unique = await uniqueProperties(tx, portalId, type, named);
    const keyedInputs = inputs.map((input) =>
      keyed(type, portalId, unique, input, defaultIdProperty),
    );
    assertUniqueIds(keyedInputs.map(({ value }) => value));
    await assertDeclaredProperties(
      deps,
      tx,
      portalId,
      type,
      keyedInputs.map((input) => ({ ...input.properties, [input.property]: input.stored })),
    );
    const matches = await existing(tx, portalId, type, keyedInputs);
    const matchOf = (input: KeyedInput) => matches.get(`${input.property}:${input.value}`);
    const now = deps.clock.now();
    const updated = await tx.updateRecords(
      portalId,
      type.id,
      keyedInputs.flatMap((input) => {
        const match = matchOf(input);
        return match ? [{ id: match.id, properties: input.properties }] : [];
      }),
      now,
    );
    const toCreate = keyedInputs.filter((input) => !matchOf(input));
    const created = await tx.insertRecords(
      portalId,
      type.id,
      toCreate.map((input) => ({
        properties: { ...input.properties, [input.property]: input.stored },
      })),
      now,
    );
    const updatedById = new Map<RecordId, CrmRecord>(updated.map((record) => [record.id, record]));
    const createdByInput = new Map(toCreate.map((input, index) => [input, created[index]]));
    // Other unique properties an input sets must not take a value another record has.
    await assertUniqueValues(
      tx,
      portalId,
      type,
      unique,
      keyedInputs.flatMap((input): UniqueWrite[] => {
        const match = matchOf(input);
        const id = match ? match.id : createdByInput.get(input)?.id;
        const properties = match
          ? input.properties
          : { ...input.properties, [input.property]: input.stored };
        return id === undefined ? [] : [{ id, properties }];
      }),
    );
    const results = keyedInputs.flatMap((input): UpsertResult[] => {
      const match = matchOf(input);
      const record = match ? updatedById.get(match.id) : createdByInput.get(input);
      return record ? [{ record, created: !match }] : [];
    });
    return { results, errors: [] };
  });
}
