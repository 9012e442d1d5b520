// The commit hook that logs the events a write owes to apps, in the write's own transaction: an
// acknowledged write always has its events, and a write nobody subscribes to logs nothing. The
// same hook appends the write's webhooks-journal entries.
import type { Change } from '../core/changes.js';
import { HUBSPOT_DEFINED_CATALOG } from '../core/association-types.js';
import type { Clock, CommitHook, StoreTransaction } from '../core/ports.js';
import { isCustomTypeId, objectTypeById, STANDARD_DIRECTORY } from '../core/object-types.js';
import { objectTypeDirectory } from '../core/use-cases/deps.js';
import { filteredRecordIds, journalEntries } from './journal-events.js';
import { webhookEvents, type EventTypeNames } from './webhook-events.js';

/** Where HubSpot says a change came from; every write through the API is a CRM one. */
const CHANGE_SOURCE = 'CRM';

function touchesCustomType(changes: readonly Change[]): boolean {
  return changes.some((change) =>
    'row' in change
      ? isCustomTypeId(change.row.fromObjectTypeId) || isCustomTypeId(change.row.toObjectTypeId)
      : isCustomTypeId(change.objectTypeId),
  );
}

/**
 * The names events give object types (`CONTACT`, a custom type's schema name in capitals) and
 * which rows are Primary ones (Primary types are all HubSpot-defined).
 */
async function typeNames(
  tx: StoreTransaction,
  portalId: number,
  changes: readonly Change[],
): Promise<EventTypeNames> {
  const directory = touchesCustomType(changes)
    ? await objectTypeDirectory(tx, portalId)
    : STANDARD_DIRECTORY;
  return {
    upperName: (id) => (directory.has(id) ? directory.byId(id) : objectTypeById(id)).errorName,
    isPrimary: (row) =>
      HUBSPOT_DEFINED_CATALOG.find(row.fromObjectTypeId, row.toObjectTypeId, row)?.primaryOwner !=
      null,
  };
}

/**
 * The current values of the records journal filters need to see (archived ones too: a deleted
 * record is filtered by the values it had), keyed by `type:id`.
 */
async function filteredRecordValues(
  tx: StoreTransaction,
  portalId: number,
  idsByType: ReadonlyMap<string, number[]>,
): Promise<Map<string, Readonly<Record<string, string>>>> {
  const values = new Map<string, Readonly<Record<string, string>>>();
  for (const [objectTypeId, ids] of idsByType) {
    for (const record of await tx.getRecords(portalId, objectTypeId, ids, true)) {
      values.set(`${objectTypeId}:${record.id}`, record.properties);
    }
  }
  return values;
}

/** The hook a store runs before each commit that changed anything. */
export function eventLogWriter(clock: Clock): CommitHook {
  return async (tx) => {
    const { portalId, changes } = tx.changeSet;
    if (portalId === null) return;
    const now = clock.now();
    const context = { portalId, occurredAt: now.getTime(), changeSource: CHANGE_SOURCE };
    const subscriptions = await tx.activeSubscriptions();
    if (subscriptions.length > 0) {
      const names = await typeNames(tx, portalId, changes);
      const events = webhookEvents(changes, subscriptions, context, names);
      await tx.appendWebhookEvents(portalId, events, now);
    }
    // The webhooks journal: entries for the apps whose journal subscriptions follow the changes.
    const journal = await tx.activeJournalSubscriptions();
    if (journal.length === 0) return;
    const values = await filteredRecordValues(
      tx,
      portalId,
      filteredRecordIds(changes, journal, portalId),
    );
    const entries = journalEntries(changes, journal, {
      ...context,
      valuesOf: (type, id) => values.get(`${type}:${id}`) ?? {},
    });
    if (entries.length > 0) await tx.appendJournalEntries(portalId, entries, now);
  };
}
