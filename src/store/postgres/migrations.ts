// Numbered schema migrations of the PostgreSQL store, applied at start by whichever process
// gets there first. Never edit a released one; add the next.
import type { Pool, PoolClient } from 'pg';
import { indexAllRecords } from './record-values.js';
import type { Migration } from '../migration.js';
import { MIGRATION_LOCK } from './portal-lock.js';

export const MIGRATIONS: readonly Migration<PoolClient>[] = [
  {
    version: 1,
    name: 'records and associations',
    // Associations are keyed on their full identity, so a record's targets are one range of the
    // primary key. Categories are stored as their index in CATEGORIES (core/model.ts).
    // Properties are json, not jsonb: json keeps the keys in the order they were written.
    sql: `
      CREATE TABLE portals (
        id BIGINT PRIMARY KEY,
        next_record_id BIGINT NOT NULL
      );
      CREATE TABLE records (
        portal_id BIGINT NOT NULL,
        object_type_id TEXT NOT NULL,
        id BIGINT NOT NULL,
        properties JSON NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL,
        archived_at TIMESTAMPTZ,
        PRIMARY KEY (portal_id, object_type_id, id)
      );
      CREATE TABLE associations (
        portal_id BIGINT NOT NULL,
        from_type TEXT NOT NULL,
        from_id BIGINT NOT NULL,
        to_type TEXT NOT NULL,
        to_id BIGINT NOT NULL,
        category SMALLINT NOT NULL,
        type_id INTEGER NOT NULL,
        PRIMARY KEY (portal_id, from_type, from_id, to_type, to_id, category, type_id)
      );
      -- Associations of archived records, set aside so reads never have to filter them out.
      CREATE TABLE archived_associations (
        portal_id BIGINT NOT NULL,
        from_type TEXT NOT NULL,
        from_id BIGINT NOT NULL,
        to_type TEXT NOT NULL,
        to_id BIGINT NOT NULL,
        category SMALLINT NOT NULL,
        type_id INTEGER NOT NULL,
        PRIMARY KEY (portal_id, from_type, from_id, to_type, to_id, category, type_id)
      );
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
        portal_id BIGINT NOT NULL,
        type_id INTEGER NOT NULL,
        inverse_type_id INTEGER NOT NULL,
        from_type TEXT NOT NULL,
        to_type TEXT NOT NULL,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        inverse_label TEXT NOT NULL,
        PRIMARY KEY (portal_id, type_id)
      );
      CREATE UNIQUE INDEX association_labels_name ON association_labels (portal_id, name);
      CREATE TABLE association_limits (
        portal_id BIGINT NOT NULL,
        from_type TEXT NOT NULL,
        to_type TEXT NOT NULL,
        category SMALLINT NOT NULL,
        type_id INTEGER NOT NULL,
        max_to_object_ids INTEGER NOT NULL,
        PRIMARY KEY (portal_id, from_type, to_type, category, type_id)
      );
    `,
  },
  {
    version: 3,
    name: 'portal names, access tokens, request counts',
    // Portals created before this migration (lazily, by their first write) get the default name;
    // one created lazily from now on is named by its write and timed by the database.
    // Tokens are stored by hash only, numbered so a portal's tokens list in creation order.
    // Request counts are UNLOGGED: they change on every request and matter for seconds, so they
    // skip the WAL; a crash of the database server empties the table, which only forgives a
    // window's requests.
    sql: `
      ALTER TABLE portals ADD COLUMN name TEXT, ADD COLUMN created_at TIMESTAMPTZ;
      UPDATE portals SET name = 'portal ' || id, created_at = now();
      ALTER TABLE portals ALTER COLUMN name SET NOT NULL,
        ALTER COLUMN created_at SET NOT NULL, ALTER COLUMN created_at SET DEFAULT now();
      CREATE TABLE access_tokens (
        token_hash TEXT PRIMARY KEY,
        portal_id BIGINT NOT NULL,
        scopes TEXT[] NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        position BIGINT GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX access_tokens_portal ON access_tokens (portal_id, position);
      CREATE UNLOGGED TABLE request_counts (
        portal_id BIGINT NOT NULL,
        window_name TEXT NOT NULL,
        window_start BIGINT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (portal_id, window_name, window_start)
      );
    `,
  },
  {
    version: 4,
    name: 'merged record ids, contact email index',
    // A merge deletes the records it merges and leaves their ids behind, each naming the record
    // it was merged into. The email index serves upsert and GDPR delete by email: partial (only
    // contacts pay for it) and on the expression the lookup spells out; the "C" collation makes
    // lower() change ASCII letters only, as SQLite's lower() does.
    sql: `
      CREATE TABLE merged_record_ids (
        portal_id BIGINT NOT NULL,
        object_type_id TEXT NOT NULL,
        id BIGINT NOT NULL,
        merged_into BIGINT NOT NULL,
        PRIMARY KEY (portal_id, object_type_id, id)
      );
      CREATE INDEX merged_record_ids_into
        ON merged_record_ids (portal_id, object_type_id, merged_into);
      CREATE INDEX records_contact_email
        ON records (portal_id, lower((properties ->> 'email') COLLATE "C"))
        WHERE object_type_id = '0-1';
    `,
  },
  {
    version: 5,
    name: 'record value index for search',
    // One entry per record and property with a value: its search key (lower-cased, bounded, in
    // the "C" collation so keys order byte-wise as on SQLite) and the number it reads as.
    // Searches read ids from here by property and key or number; the primary key serves sorts
    // and rewrites of a record's entries. Only live records have entries (archiving removes
    // them), so matched ids need no check against the records. The partial records indexes serve searches on
    // creation and modification times and counts of live records.
    sql: `
      CREATE TABLE record_values (
        portal_id BIGINT NOT NULL,
        object_type_id TEXT NOT NULL,
        id BIGINT NOT NULL,
        property TEXT NOT NULL,
        key TEXT COLLATE "C" NOT NULL,
        number DOUBLE PRECISION,
        PRIMARY KEY (portal_id, object_type_id, id, property)
      );
      CREATE INDEX record_values_key
        ON record_values (portal_id, object_type_id, property, key, id);
      CREATE INDEX record_values_number
        ON record_values (portal_id, object_type_id, property, number, id)
        WHERE number IS NOT NULL;
      CREATE INDEX records_live_created ON records (portal_id, object_type_id, created_at, id)
        WHERE archived_at IS NULL;
      CREATE INDEX records_live_updated ON records (portal_id, object_type_id, updated_at, id)
        WHERE archived_at IS NULL;
    `,
    backfill: indexAllRecords,
  },
  {
    version: 6,
    name: 'webhook apps and subscriptions',
    // Apps belong to no portal; their settings are columns of their row (null until set).
    // Subscription ids come from an identity, so a deleted one's id is never given again.
    sql: `
      CREATE TABLE webhook_apps (
        app_id BIGINT PRIMARY KEY,
        client_secret TEXT NOT NULL,
        developer_key_hash TEXT,
        created_at TIMESTAMPTZ NOT NULL,
        target_url TEXT,
        max_concurrent_requests INTEGER,
        throttling_period TEXT,
        settings_created_at TIMESTAMPTZ,
        settings_updated_at TIMESTAMPTZ
      );
      CREATE INDEX webhook_apps_developer_key ON webhook_apps (developer_key_hash);
      CREATE TABLE webhook_subscriptions (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        app_id BIGINT NOT NULL,
        event_type TEXT NOT NULL,
        property_name TEXT,
        object_type_id TEXT,
        active BOOLEAN NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX webhook_subscriptions_app ON webhook_subscriptions (app_id, id);
    `,
  },
  {
    version: 7,
    name: 'archived records index',
    // Counts of a portal's archived records per object type (the web page's summary) read this
    // index only, as counts of live ones read records_live_created.
    sql: `
      CREATE INDEX records_archived ON records (portal_id, object_type_id, id)
        WHERE archived_at IS NOT NULL;
    `,
  },
  {
    version: 8,
    name: 'custom object schemas',
    // A schema's identity columns, and the rest as one JSON document (text, read back as
    // written). Ids come from a per-portal sequence and are never reused; a name is taken
    // (case-insensitively) until the schema is purged. Its association definitions are labels
    // without text (association_labels). Times in ms, as the document's.
    sql: `
      ALTER TABLE portals ADD COLUMN next_schema_id INTEGER NOT NULL DEFAULT 1;
      CREATE TABLE object_schemas (
        portal_id BIGINT NOT NULL,
        id INTEGER NOT NULL,
        name TEXT NOT NULL,
        archived_at BIGINT,
        definition TEXT NOT NULL,
        PRIMARY KEY (portal_id, id)
      );
      CREATE UNIQUE INDEX object_schemas_name ON object_schemas (portal_id, lower(name));
    `,
  },
  {
    version: 9,
    name: 'property definitions and groups',
    // A portal's own properties and property groups, per object type: the definition as JSON
    // text (core owns its shape), archived ones kept. Keys order byte-wise on both engines.
    sql: `
      CREATE TABLE property_definitions (
        portal_id BIGINT NOT NULL,
        object_type_id TEXT COLLATE "C" NOT NULL,
        kind TEXT COLLATE "C" NOT NULL,
        name TEXT COLLATE "C" NOT NULL,
        definition TEXT NOT NULL,
        PRIMARY KEY (portal_id, object_type_id, kind, name)
      );
    `,
  },
  {
    version: 10,
    name: 'webhook event log',
    // The events owed to apps, written in the transaction of the change that caused them. The
    // row id is the event's eventId: ascending in commit order within a portal, whose writes hold
    // its lock. Delivery state lives on the row.
    sql: `
      CREATE TABLE webhook_events (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        portal_id BIGINT NOT NULL,
        app_id BIGINT NOT NULL,
        subscription_id BIGINT NOT NULL,
        object_type_id TEXT NOT NULL,
        object_id BIGINT NOT NULL,
        payload JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        due_at TIMESTAMPTZ,
        leased_until TIMESTAMPTZ,
        settled_at TIMESTAMPTZ,
        delivered BOOLEAN NOT NULL DEFAULT false
      );
      CREATE INDEX webhook_events_due ON webhook_events (due_at, id) WHERE due_at IS NOT NULL;
      CREATE INDEX webhook_events_app ON webhook_events (app_id, id);
    `,
  },
  {
    version: 11,
    name: 'webhook delivery attempts',
    // One row per event per attempt, for the control API's listing of deliveries; the event's
    // own row keeps its state. The portal's, so that its reset removes them with its events.
    sql: `
      CREATE TABLE webhook_attempts (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        portal_id BIGINT NOT NULL,
        event_id BIGINT NOT NULL,
        attempt_number INTEGER NOT NULL,
        started_at TIMESTAMPTZ NOT NULL,
        duration_ms DOUBLE PRECISION NOT NULL,
        status_code INTEGER,
        error TEXT
      );
      CREATE INDEX webhook_attempts_event ON webhook_attempts (event_id, attempt_number);
      CREATE INDEX webhook_attempts_portal ON webhook_attempts (portal_id);
      CREATE INDEX webhook_events_portal ON webhook_events (portal_id, id);
    `,
  },
  {
    version: 12,
    name: 'webhooks journal',
    // Apps' journal subscriptions (upserted by app, type, portal and object type; lists as JSON),
    // their filters, snapshots, and the journal itself: one row per entry, keyed by the app's own
    // sequence (journal_sequences, taken in the appending transaction, so offsets ascend in commit
    // order and are never reused); an append drops its apps' expired entries. Times in ms.
    sql: `
      CREATE TABLE journal_subscriptions (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        app_id BIGINT NOT NULL,
        portal_id BIGINT NOT NULL,
        subscription_type TEXT NOT NULL,
        object_type_id TEXT COLLATE "C" NOT NULL,
        lists TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE UNIQUE INDEX journal_subscriptions_key
        ON journal_subscriptions (app_id, subscription_type, portal_id, object_type_id);
      CREATE TABLE journal_filters (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        app_id BIGINT NOT NULL,
        subscription_id BIGINT NOT NULL,
        conditions TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX journal_filters_subscription ON journal_filters (subscription_id, id);
      CREATE TABLE journal_sequences (
        app_id BIGINT PRIMARY KEY,
        last_sequence BIGINT NOT NULL
      );
      CREATE TABLE journal_entries (
        app_id BIGINT NOT NULL,
        sequence BIGINT NOT NULL,
        portal_id BIGINT NOT NULL,
        file_token TEXT NOT NULL,
        events TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        PRIMARY KEY (app_id, sequence)
      );
      CREATE INDEX journal_entries_portal ON journal_entries (app_id, portal_id, sequence);
      CREATE INDEX journal_entries_expiry ON journal_entries (app_id, expires_at);
      CREATE UNIQUE INDEX journal_entries_file ON journal_entries (file_token);
      CREATE TABLE journal_snapshots (
        id TEXT PRIMARY KEY,
        app_id BIGINT NOT NULL,
        status TEXT NOT NULL,
        error_code TEXT,
        message TEXT,
        initiated_at BIGINT NOT NULL,
        completed_at BIGINT
      );
    `,
  },
  {
    version: 13,
    name: 'webhook events in chunks',
    // A write's events for one app are one row per up to 100 (their payloads as one compact JSON
    // text, see core/event-chunks.ts) with one delivery state, instead of a row per event: a
    // write with thousands of events writes tens of rows. The chunk's id is its first event's
    // eventId, the others follow it; each chunk takes a block of 128 ids from webhook_event_ids
    // (one nextval per chunk, above every id the old log gave). Each logged event becomes a
    // chunk of its own, keeping its id, state and attempts, which now name the chunk.
    sql: `
      CREATE SEQUENCE webhook_event_ids INCREMENT BY 128;
      CREATE TABLE webhook_event_chunks (
        id BIGINT PRIMARY KEY,
        portal_id BIGINT NOT NULL,
        app_id BIGINT NOT NULL,
        event_count INTEGER NOT NULL,
        events TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        due_at TIMESTAMPTZ,
        leased_until TIMESTAMPTZ,
        settled_at TIMESTAMPTZ,
        delivered BOOLEAN NOT NULL DEFAULT false
      );
      CREATE INDEX webhook_event_chunks_due ON webhook_event_chunks (due_at, id)
        WHERE due_at IS NOT NULL;
      CREATE INDEX webhook_event_chunks_app ON webhook_event_chunks (app_id, id);
      CREATE INDEX webhook_event_chunks_portal ON webhook_event_chunks (portal_id, id);
      DO $$
      DECLARE
        given BIGINT;
      BEGIN
        EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM %s',
          pg_get_serial_sequence('webhook_events', 'id')) INTO given;
        PERFORM setval('webhook_event_ids',
          greatest(given, coalesce((SELECT max(id) FROM webhook_events), 0)) + 1, false);
      END
      $$;
      INSERT INTO webhook_event_chunks (id, portal_id, app_id, event_count, events, created_at,
        attempts, due_at, leased_until, settled_at, delivered)
      SELECT id, portal_id, app_id, 1,
        jsonb_build_object('heads', jsonb_build_array(payload), 'keys', '[[]]'::jsonb, 'n', 1,
          'columns', jsonb_build_array(jsonb_build_object('v', subscription_id),
            jsonb_build_object('v', object_type_id), jsonb_build_object('v', object_id),
            '{"v":0}'::jsonb, '{"v":0}'::jsonb))::text,
        created_at, attempts, due_at, leased_until, settled_at, delivered
      FROM webhook_events;
      DROP TABLE webhook_events;
      DROP INDEX webhook_attempts_event;
      ALTER TABLE webhook_attempts RENAME COLUMN event_id TO chunk_id;
      CREATE INDEX webhook_attempts_chunk ON webhook_attempts (chunk_id, attempt_number);
    `,
  },
  {
    version: 14,
    name: 'settled webhook events by age',
    // The deliverer drops chunks settled (delivered or given up) longer ago than the retention
    // period; this index finds them without reading the whole log.
    sql: `
      CREATE INDEX webhook_event_chunks_settled ON webhook_event_chunks (settled_at)
        WHERE settled_at IS NOT NULL;
    `,
  },
  {
    version: 15,
    name: 'contact email statistics',
    // The planner reads no statistics from a partial index's expression, so it guessed that each
    // email of a lookup matches 0.5% of the portal's contacts: the 100 emails of a contacts batch
    // create's unique check read as half of them, and the lookup scanned every contact of the
    // portal. Statistics on the expression tell it that an email names one contact. PostgreSQL
    // has them from version 14; an older server keeps its guess.
    sql: `
      DO $$
      BEGIN
        IF current_setting('server_version_num')::integer >= 140000 THEN
          EXECUTE 'CREATE STATISTICS records_contact_email_values
            ON (lower((properties ->> ''email'') COLLATE "C")) FROM records';
          ANALYZE records;
        END IF;
      END $$;
    `,
  },
  {
    version: 16,
    name: 'pair write settings version',
    // A pair write may be planned on the portal's labels and limits and the active subscriptions
    // as a process last read them, and sent whole with COMMIT, asserting that they are still what
    // it read (src/store/postgres/pair-write-guess.ts). The version is bumped by every statement
    // that changes any of them, in any process; \`has_assume\` fails a transaction whose guess
    // was wrong, with an error code of its own.
    sql: `
      CREATE TABLE pair_write_settings (
        only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
        version BIGINT NOT NULL
      );
      INSERT INTO pair_write_settings (version) VALUES (0);
      CREATE FUNCTION has_pair_write_settings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE pair_write_settings SET version = version + 1 WHERE only_row = true;
        RETURN NULL;
      END $$;
      DO $$
      DECLARE
        settings text;
      BEGIN
        FOREACH settings IN ARRAY ARRAY['association_labels', 'association_limits',
          'webhook_apps', 'webhook_subscriptions', 'journal_subscriptions', 'journal_filters']
        LOOP
          EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
            FOR EACH STATEMENT EXECUTE FUNCTION has_pair_write_settings_changed()',
            settings || '_pair_write_settings', settings);
        END LOOP;
      END $$;
      CREATE FUNCTION has_assume(holds boolean) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        IF holds IS NOT TRUE THEN
          RAISE EXCEPTION 'a pair write was planned on what has since changed'
            USING ERRCODE = 'HA001';
        END IF;
        RETURN true;
      END $$;
    `,
  },
  {
    version: 17,
    name: 'guessed writes hold keys without waiting',
    // A group of guessed pair writes takes its keys without waiting (src/store/postgres/
    // guess-groups.ts); \`has_keys_free\` fails one that found a key held, with an error code of
    // its own, so that its writes run again alone and the portal's next ones do not wait behind it.
    sql: `
      CREATE FUNCTION has_keys_free(free boolean) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        IF free IS NOT TRUE THEN
          RAISE EXCEPTION 'a key a guessed pair write holds was held' USING ERRCODE = 'HA002';
        END IF;
        RETURN true;
      END $$;
    `,
  },
];

/**
 * Applies the migrations the database has not seen yet, each in its own transaction. A
 * session-level advisory lock makes processes that start together migrate one at a time: the
 * first applies everything, the others then find nothing left to do.
 */
export async function migrate(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
    try {
      await applyPending(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]);
    }
    client.release();
  } catch (error) {
    // A connection in an unknown state is closed rather than handed back to the pool.
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}

async function applyPending(client: PoolClient): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`);
  const applied = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
  const done = new Set(applied.rows.map((row) => row.version));
  for (const migration of MIGRATIONS) {
    if (done.has(migration.version)) continue;
    await client.query('BEGIN');
    try {
      await client.query(migration.sql);
      await migration.backfill?.(client);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }
}
