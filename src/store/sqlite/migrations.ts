// Numbered schema migrations of the SQLite store. Never edit a released one; add the next.
import type Database from 'better-sqlite3';
import type { Migration } from '../migration.js';
import { indexAllRecords } from './record-values.js';

/** The tables a write reads its settings from: labels, limits, and who follows its changes. */
const WRITE_SETTINGS_TABLES = [
  'association_labels',
  'association_limits',
  'webhook_apps',
  'webhook_subscriptions',
  'journal_subscriptions',
  'journal_filters',
];

export const MIGRATIONS: readonly Migration<Database.Database>[] = [
  {
    version: 1,
    name: 'records and associations',
    // Associations are keyed on their full identity in a WITHOUT ROWID table: a read of one
    // record's targets is one range scan of the primary key, and the key is the only copy.
    // Categories are stored as their index in CATEGORIES (core/model.ts).
    sql: `
      CREATE TABLE portals (
        id INTEGER PRIMARY KEY,
        next_record_id INTEGER NOT NULL
      );
      CREATE TABLE records (
        portal_id INTEGER NOT NULL,
        object_type_id TEXT NOT NULL,
        id INTEGER NOT NULL,
        properties TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        archived_at INTEGER,
        PRIMARY KEY (portal_id, object_type_id, id)
      ) WITHOUT ROWID;
      CREATE TABLE associations (
        portal_id INTEGER NOT NULL,
        from_type TEXT NOT NULL,
        from_id INTEGER NOT NULL,
        to_type TEXT NOT NULL,
        to_id INTEGER NOT NULL,
        category INTEGER NOT NULL,
        type_id INTEGER NOT NULL,
        PRIMARY KEY (portal_id, from_type, from_id, to_type, to_id, category, type_id)
      ) WITHOUT ROWID;
      -- Associations of archived records, set aside so reads never have to filter them out.
      CREATE TABLE archived_associations (
        portal_id INTEGER NOT NULL,
        from_type TEXT NOT NULL,
        from_id INTEGER NOT NULL,
        to_type TEXT NOT NULL,
        to_id INTEGER NOT NULL,
        category INTEGER NOT NULL,
        type_id INTEGER NOT NULL,
        PRIMARY KEY (portal_id, from_type, from_id, to_type, to_id, category, type_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'labels and limits',
    // A label is one row holding both directions' type ids; type ids come from a per-portal
    // sequence. Names are unique per portal. Limits are keyed like the types they limit.
    sql: `
      ALTER TABLE portals ADD COLUMN next_label_type_id INTEGER NOT NULL DEFAULT 1;
      CREATE TABLE association_labels (
        portal_id INTEGER NOT NULL,
        type_id INTEGER NOT NULL,
        inverse_type_id INTEGER NOT NULL,
        from_type TEXT NOT NULL,
        to_type TEXT NOT NULL,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        inverse_label TEXT NOT NULL,
        PRIMARY KEY (portal_id, type_id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX association_labels_name ON association_labels (portal_id, name);
      CREATE TABLE association_limits (
        portal_id INTEGER NOT NULL,
        from_type TEXT NOT NULL,
        to_type TEXT NOT NULL,
        category INTEGER NOT NULL,
        type_id INTEGER NOT NULL,
        max_to_object_ids INTEGER NOT NULL,
        PRIMARY KEY (portal_id, from_type, to_type, category, type_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'portal names, access tokens',
    // Portals created before this migration (lazily, by their first write) get the default name.
    // Tokens are stored by hash only; a rowid table, so a portal's tokens list in creation order.
    sql: `
      ALTER TABLE portals ADD COLUMN name TEXT NOT NULL DEFAULT '';
      ALTER TABLE portals ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
      UPDATE portals SET name = 'portal ' || id,
        created_at = CAST(unixepoch('subsec') * 1000 AS INTEGER);
      CREATE TABLE access_tokens (
        token_hash TEXT PRIMARY KEY,
        portal_id INTEGER NOT NULL,
        scopes TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX access_tokens_portal ON access_tokens (portal_id);
    `,
  },
  {
    version: 4,
    name: 'merged record ids, contact email index',
    // A merge deletes the records it merges and leaves their ids behind, each naming the record
    // it was merged into. The email index serves upsert and GDPR delete by email: partial (only
    // contacts pay for it) and on the expression the lookup spells out, lower() being ASCII-only.
    sql: `
      CREATE TABLE merged_record_ids (
        portal_id INTEGER NOT NULL,
        object_type_id TEXT NOT NULL,
        id INTEGER NOT NULL,
        merged_into INTEGER NOT NULL,
        PRIMARY KEY (portal_id, object_type_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX merged_record_ids_into
        ON merged_record_ids (portal_id, object_type_id, merged_into);
      CREATE INDEX records_contact_email ON records (portal_id, lower(properties ->> '$.email'))
        WHERE object_type_id = '0-1';
    `,
  },
  {
    version: 5,
    name: 'record value index for search',
    // One entry per record and property with a value: its search key (lower-cased, bounded) and
    // the number it reads as. Searches read ids from here by property and key or number; the
    // primary key serves sorts and rewrites of a record's entries. Only live records have
    // entries (archiving removes them), so matched ids need no check against the records. The records indexes serve
    // searches on creation and modification times and counts of live records without reading
    // the properties.
    sql: `
      CREATE TABLE record_values (
        portal_id INTEGER NOT NULL,
        object_type_id TEXT NOT NULL,
        id INTEGER NOT NULL,
        property TEXT NOT NULL,
        key TEXT NOT NULL,
        number REAL,
        PRIMARY KEY (portal_id, object_type_id, id, property)
      ) WITHOUT ROWID;
      CREATE INDEX record_values_key ON record_values (portal_id, object_type_id, property, key);
      CREATE INDEX record_values_number ON record_values (portal_id, object_type_id, property, number)
        WHERE number IS NOT NULL;
      CREATE INDEX records_live_created ON records (portal_id, object_type_id, archived_at, created_at);
      CREATE INDEX records_live_updated ON records (portal_id, object_type_id, archived_at, updated_at);
    `,
    backfill: (db) => {
      indexAllRecords((sql) => db.prepare(sql));
    },
  },
  {
    version: 6,
    name: 'webhook apps and subscriptions',
    // Apps belong to no portal: a developer's app is installed in portals. Its settings are
    // columns of its row (null until set). AUTOINCREMENT so that a deleted subscription's id is
    // never given again, as HubSpot's ids are not.
    sql: `
      CREATE TABLE webhook_apps (
        app_id INTEGER PRIMARY KEY,
        client_secret TEXT NOT NULL,
        developer_key_hash TEXT,
        created_at INTEGER NOT NULL,
        target_url TEXT,
        max_concurrent_requests INTEGER,
        throttling_period TEXT,
        settings_created_at INTEGER,
        settings_updated_at INTEGER
      );
      CREATE INDEX webhook_apps_developer_key ON webhook_apps (developer_key_hash);
      CREATE TABLE webhook_subscriptions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        app_id INTEGER NOT NULL,
        event_type TEXT NOT NULL,
        property_name TEXT,
        object_type_id TEXT,
        active INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX webhook_subscriptions_app ON webhook_subscriptions (app_id, id);
    `,
  },
  {
    version: 7,
    name: 'custom object schemas',
    // A schema's identity columns, and the rest as one JSON document. Ids come from a per-portal
    // sequence and are never reused; a name is taken (case-insensitively) until the schema is
    // purged. Its association definitions are labels without text (association_labels).
    sql: `
      ALTER TABLE portals ADD COLUMN next_schema_id INTEGER NOT NULL DEFAULT 1;
      CREATE TABLE object_schemas (
        portal_id INTEGER NOT NULL,
        id INTEGER NOT NULL,
        name TEXT NOT NULL,
        archived_at INTEGER,
        definition TEXT NOT NULL,
        PRIMARY KEY (portal_id, id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX object_schemas_name ON object_schemas (portal_id, lower(name));
    `,
  },
  {
    version: 8,
    name: 'property definitions and groups',
    // A portal's own properties and property groups, per object type: the definition as JSON
    // text (core owns its shape), archived ones kept. Keys order byte-wise on both engines.
    sql: `
      CREATE TABLE property_definitions (
        portal_id INTEGER NOT NULL,
        object_type_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        PRIMARY KEY (portal_id, object_type_id, kind, name)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 9,
    name: 'webhook event log',
    // The events owed to apps, written in the transaction of the change that caused them. The
    // row id is the event's eventId (AUTOINCREMENT: never given twice, ascending in commit order
    // within a portal, whose writes are serialised). Delivery state lives on the row.
    sql: `
      CREATE TABLE webhook_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        portal_id INTEGER NOT NULL,
        app_id INTEGER NOT NULL,
        subscription_id INTEGER NOT NULL,
        object_type_id TEXT NOT NULL,
        object_id INTEGER NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        due_at INTEGER,
        leased_until INTEGER,
        settled_at INTEGER,
        delivered INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX webhook_events_due ON webhook_events (due_at, id) WHERE due_at IS NOT NULL;
      CREATE INDEX webhook_events_app ON webhook_events (app_id, id);
    `,
  },
  {
    version: 10,
    name: 'webhook delivery attempts',
    // One row per event per attempt, for the control API's listing of deliveries; the event's
    // own row keeps its state. The portal's, so that its reset removes them with its events.
    sql: `
      CREATE TABLE webhook_attempts (
        portal_id INTEGER NOT NULL,
        event_id INTEGER NOT NULL,
        attempt_number INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        duration_ms REAL NOT NULL,
        status_code INTEGER,
        error TEXT
      );
      CREATE INDEX webhook_attempts_event ON webhook_attempts (event_id, attempt_number);
      CREATE INDEX webhook_attempts_portal ON webhook_attempts (portal_id);
      CREATE INDEX webhook_events_portal ON webhook_events (portal_id, id);
    `,
  },
  {
    version: 11,
    name: 'webhooks journal',
    // Apps' journal subscriptions (upserted by app, type, portal and object type; lists as JSON),
    // their filters, snapshots, and the journal itself: one row per entry, keyed by the app's own
    // sequence (journal_sequences, taken in the appending transaction, so offsets ascend in commit
    // order and are never reused); an append drops its apps' expired entries. Times in ms.
    sql: `
      CREATE TABLE journal_subscriptions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        app_id INTEGER NOT NULL,
        portal_id INTEGER NOT NULL,
        subscription_type TEXT NOT NULL,
        object_type_id TEXT NOT NULL,
        lists TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX journal_subscriptions_key
        ON journal_subscriptions (app_id, subscription_type, portal_id, object_type_id);
      CREATE TABLE journal_filters (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        app_id INTEGER NOT NULL,
        subscription_id INTEGER NOT NULL,
        conditions TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX journal_filters_subscription ON journal_filters (subscription_id, id);
      CREATE TABLE journal_sequences (
        app_id INTEGER PRIMARY KEY,
        last_sequence INTEGER NOT NULL
      );
      CREATE TABLE journal_entries (
        app_id INTEGER NOT NULL,
        sequence INTEGER NOT NULL,
        portal_id INTEGER NOT NULL,
        file_token TEXT NOT NULL,
        events TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (app_id, sequence)
      ) WITHOUT ROWID;
      CREATE INDEX journal_entries_portal ON journal_entries (app_id, portal_id, sequence);
      CREATE INDEX journal_entries_expiry ON journal_entries (app_id, expires_at);
      CREATE UNIQUE INDEX journal_entries_file ON journal_entries (file_token);
      CREATE TABLE journal_snapshots (
        id TEXT PRIMARY KEY,
        app_id INTEGER NOT NULL,
        status TEXT NOT NULL,
        error_code TEXT,
        message TEXT,
        initiated_at INTEGER NOT NULL,
        completed_at INTEGER
      );
    `,
  },
  {
    version: 12,
    name: 'webhook events in chunks',
    // A write's events for one app are one row per up to 100 (their payloads as one compact JSON
    // text, see core/event-chunks.ts) with one delivery state, instead of a row per event: a
    // write with thousands of events writes tens of rows. The chunk's id is its first event's
    // eventId, the others follow it; webhook_event_ids hands out eventIds (never twice: above
    // every id the old log gave). Each logged event becomes a chunk of its own, keeping its id,
    // state and attempts, which now name the chunk.
    sql: `
      CREATE TABLE webhook_event_chunks (
        id INTEGER PRIMARY KEY,
        portal_id INTEGER NOT NULL,
        app_id INTEGER NOT NULL,
        event_count INTEGER NOT NULL,
        events TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        due_at INTEGER,
        leased_until INTEGER,
        settled_at INTEGER,
        delivered INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX webhook_event_chunks_due ON webhook_event_chunks (due_at, id)
        WHERE due_at IS NOT NULL;
      CREATE INDEX webhook_event_chunks_app ON webhook_event_chunks (app_id, id);
      CREATE INDEX webhook_event_chunks_portal ON webhook_event_chunks (portal_id, id);
      CREATE TABLE webhook_event_ids (last_id INTEGER NOT NULL);
      INSERT INTO webhook_event_ids SELECT max(
        coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'webhook_events'), 0),
        coalesce((SELECT max(id) FROM webhook_events), 0));
      INSERT INTO webhook_event_chunks (id, portal_id, app_id, event_count, events, created_at,
        attempts, due_at, leased_until, settled_at, delivered)
      SELECT id, portal_id, app_id, 1,
        json_object('heads', json_array(json(payload)), 'keys', json('[[]]'), 'n', 1,
          'columns', json_array(json_object('v', subscription_id), json_object('v', object_type_id),
            json_object('v', object_id), json('{"v":0}'), json('{"v":0}'))),
        created_at, attempts, due_at, leased_until, settled_at, delivered
      FROM webhook_events;
      DROP TABLE webhook_events;
      DROP INDEX webhook_attempts_event;
      ALTER TABLE webhook_attempts RENAME COLUMN event_id TO chunk_id;
      CREATE INDEX webhook_attempts_chunk ON webhook_attempts (chunk_id, attempt_number);
    `,
  },
  {
    version: 13,
    name: 'settled webhook events by age',
    // The deliverer drops chunks settled (delivered or given up) longer ago than the retention
    // period; this index finds them without reading the whole log.
    sql: `
      CREATE INDEX webhook_event_chunks_settled ON webhook_event_chunks (settled_at)
        WHERE settled_at IS NOT NULL;
    `,
  },
  {
    version: 14,
    name: 'write settings version',
    // A write transaction keeps the labels, limits and active subscriptions it read for the
    // next ones, as long as this version has not moved (write-settings.ts). Every
    // change to them, by any process, sets it. why random and not a count: a change rolled back
    // puts the old version back, and a count would then give the next change a version a
    // transaction may have read, with its own rolled-back settings, before the rollback.
    sql: `
      CREATE TABLE write_settings_version (
        only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
        version INTEGER NOT NULL
      );
      INSERT INTO write_settings_version VALUES (1, 0);
      ${WRITE_SETTINGS_TABLES.flatMap((table) =>
        ['INSERT', 'UPDATE', 'DELETE'].map(
          (change) => `
      CREATE TRIGGER ${table}_${change.toLowerCase()}_write_settings AFTER ${change} ON ${table}
      BEGIN
        UPDATE write_settings_version SET version = random() & ${Number.MAX_SAFE_INTEGER};
      END;`,
        ),
      ).join('')}
    `,
  },
];
