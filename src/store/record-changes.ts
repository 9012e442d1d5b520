// What an update of records changed, the same in every store adapter: each updated record's
// values before and after, and the properties the update named.
import type { PropertyWrite } from '../core/changes.js';
import type { CrmRecord, Properties, RecordId } from '../core/model.js';
import type { RecordUpdate } from '../core/ports.js';

/** One entry per updated record (records the update skipped have none). */
export function propertyWrites(
  updates: readonly RecordUpdate[],
  before: ReadonlyMap<RecordId, Properties>,
  updated: readonly CrmRecord[],
): PropertyWrite[] {
  const written = new Map<RecordId, Set<string>>();
  for (const update of updates) {
    const names = written.get(update.id) ?? new Set<string>();
    for (const name of Object.keys(update.properties)) names.add(name);
    written.set(update.id, names);
  }
  return updated.map((record) => ({
    id: record.id,
    before: before.get(record.id) ?? {},
    after: record.properties,
    written: [...(written.get(record.id) ?? [])],
  }));
}
