// Maps records to the objects API's wire shape (SimplePublicObject) and property input to core.
import type { CrmRecord, Properties } from '../../core/model.js';
import type { RecordView } from '../../core/use-cases/record-reads.js';

/** Properties HubSpot maintains itself; a client's values for them are ignored. */
const SYSTEM_PROPERTIES = new Set(['hs_object_id', 'createdate', 'lastmodifieddate']);

/** Property values as stored: strings, as HubSpot returns them. */
export function propertiesFromWire(
  input: Record<string, string | number | boolean | null>,
): Properties {
  const properties: Properties = {};
  for (const [name, value] of Object.entries(input)) {
    if (!SYSTEM_PROPERTIES.has(name)) properties[name] = value === null ? '' : String(value);
  }
  return properties;
}

/** Reads `a,b` and `?x=a&x=b` forms alike. */
export function listParam(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const values = Array.isArray(value) ? value : [value];
  return values
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
}

function systemProperties(record: CrmRecord): Properties {
  return {
    hs_object_id: String(record.id),
    createdate: record.createdAt.toISOString(),
    lastmodifieddate: record.updatedAt.toISOString(),
  };
}

/**
 * The record's properties: every stored one when none were named, otherwise the named ones
 * (null when unset, as HubSpot answers), always with the system properties.
 */
function selectProperties(record: CrmRecord, names: readonly string[] | undefined) {
  if (names === undefined) return { ...record.properties, ...systemProperties(record) };
  const selected: Record<string, string | null> = {};
  for (const name of names) selected[name] = record.properties[name] ?? null;
  return { ...selected, ...systemProperties(record) };
}

/** `SimplePublicObject`. */
export function recordToWire(record: CrmRecord, propertyNames?: readonly string[]) {
  return {
    id: String(record.id),
    properties: selectProperties(record, propertyNames),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    archived: record.archived,
    ...(record.archivedAt ? { archivedAt: record.archivedAt.toISOString() } : {}),
  };
}

/**
 * `SimplePublicObjectWithAssociations`: associations keyed by the target type's plural name, one
 * `{id, type}` per type with v3 type names (a primary company appears twice, as on HubSpot).
 */
export function recordViewToWire(view: RecordView, propertyNames?: readonly string[]) {
  const wire = recordToWire(view.record, propertyNames);
  if (view.associations.length === 0) return wire;
  const associations: Record<string, { results: { id: string; type: string }[] }> = {};
  for (const { type, targets } of view.associations) {
    associations[type.plural] = {
      results: targets.flatMap((target) =>
        target.types.map((spec) => ({ id: String(target.toId), type: spec.name })),
      ),
    };
  }
  return { ...wire, associations };
}
