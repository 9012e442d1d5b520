// The migration of the webhook event log from a row per event to chunks (SQLite 12, PostgreSQL
// 13), on a database the previous version wrote: pending events keep their eventId, payload and
// attempts and are still delivered; delivered ones are still listed; new events get higher ids.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { chunkEvents } from '../../src/core/event-chunks.js';
import type { Store } from '../../src/core/ports.js';
import { MIGRATIONS as POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { createTestSchema, postgresSkip } from '../helpers/postgres.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const APP = 70;

/** The payloads the old log held: a pending event (tried once), and a delivered one. */
const PENDING = { subscriptionId: 5, portalId: 1, appId: APP, objectId: 11, changeFlag: 'NEW' };
const DELIVERED = { subscriptionId: 5, portalId: 1, appId: APP, objectId: 12, changeFlag: 'NEW' };

/** What the old log held, by id: event 40 pending, 41 delivered; ids up to 57 were given. */
async function expectMigrated(store: Store): Promise<void> {
  await store.putApp({ appId: APP, clientSecret: 's', developerKeyHash: null, createdAt: NOW });
  await store.putWebhookSettings(APP, {
    targetUrl: 'http://receiver.test/',
    maxConcurrentRequests: 1,
    period: null,
    createdAt: NOW,
    updatedAt: NOW,
  });
  const listed = await store.listDeliveries({ limit: 10 });
  assert.deepEqual(
    listed.map((delivery) => [
      delivery.eventId,
      delivery.status,
      delivery.objectId,
      delivery.attempts.length,
    ]),
    [
      [41, 'delivered', 12, 1],
      [40, 'pending', 11, 1],
    ],
  );
  assert.deepEqual(listed[1]?.payload, { eventId: 40, ...PENDING });
  assert.equal(listed[1].attempts[0]?.error, 'refused');

  const owed = await store.due(
    new Date(NOW.getTime() + 60_000),
    10,
    new Date(NOW.getTime() + 70_000),
  );
  assert.deepEqual(
    owed.map((chunk) => [
      chunk.id,
      chunk.attemptNumber,
      chunkEvents(Number(chunk.id), chunk.events).map((one) => one.payload),
    ]),
    [['40', 1, [{ eventId: 40, ...PENDING }]]],
    'the pending event is owed with its id, payload and attempt number',
  );

  await store.transaction((tx) =>
    tx.appendWebhookEvents(
      1,
      [
        {
          appId: APP,
          subscriptionId: 5,
          objectTypeId: '0-1',
          objectId: 13,
          head: { subscriptionId: 5 },
          keys: ['objectId'],
          values: [13],
        },
      ],
      NOW,
    ),
  );
  const [newest] = await store.listDeliveries({ limit: 1 });
  assert.equal(newest?.objectId, 13);
  assert.ok(newest.eventId > 57, `a new event's id ${newest.eventId} is above every old one`);
}

test('SQLite: a database with per-event rows keeps its events as chunks', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'has-events-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const filename = join(dir, 'old.db');
  const db = new Database(filename);
  for (const migration of SQLITE_MIGRATIONS.filter((one) => one.version < 12)) {
    db.exec(migration.sql);
    void migration.backfill?.(db);
    db.pragma(`user_version = ${migration.version}`);
  }
  const insert = db.prepare(
    `INSERT INTO webhook_events (id, portal_id, app_id, subscription_id, object_type_id, object_id,
       payload, created_at, attempts, due_at, delivered, settled_at)
     VALUES (?, 1, ?, 5, '0-1', ?, ?, ?, 1, ?, ?, ?)`,
  );
  const t0 = NOW.getTime();
  insert.run(57, APP, 99, '{}', t0, null, 1, t0);
  insert.run(40, APP, 11, JSON.stringify(PENDING), t0, t0 + 60_000, 0, null);
  insert.run(41, APP, 12, JSON.stringify(DELIVERED), t0, null, 1, t0);
  db.prepare('DELETE FROM webhook_events WHERE id = 57').run();
  const attempt = db.prepare(
    `INSERT INTO webhook_attempts (portal_id, event_id, attempt_number, started_at, duration_ms,
       status_code, error) VALUES (1, ?, 0, ?, 3, ?, ?)`,
  );
  attempt.run(40, t0, null, 'refused');
  attempt.run(41, t0, 204, null);
  db.close();

  const store = new SqliteStore({ filename });
  t.after(() => store.close());
  await expectMigrated(store);
});

test('PostgreSQL: a database with per-event rows keeps its events as chunks', async (t: TestContext) => {
  const skip = await postgresSkip();
  if (skip) {
    t.skip(skip);
    return;
  }
  const schema = await createTestSchema();
  const pool = new pg.Pool({ connectionString: schema.url, max: 1 });
  const client = await pool.connect();
  await client.query(`CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`);
  for (const migration of POSTGRES_MIGRATIONS.filter((one) => one.version < 13)) {
    await client.query(migration.sql);
    await migration.backfill?.(client);
    await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
      migration.version,
      migration.name,
    ]);
  }
  // Ids 1 to 57 given (by the identity's own sequence), then 40 and 41 kept.
  await client.query(
    `INSERT INTO webhook_events (portal_id, app_id, subscription_id, object_type_id, object_id,
       payload, created_at, delivered)
     SELECT 1, $1, 5, '0-1', n, '{}', $2, true FROM generate_series(1, 57) AS n`,
    [APP, NOW],
  );
  await client.query('DELETE FROM webhook_events');
  await client.query(
    `INSERT INTO webhook_events (id, portal_id, app_id, subscription_id, object_type_id, object_id,
       payload, created_at, attempts, due_at, delivered, settled_at)
     OVERRIDING SYSTEM VALUE VALUES
       (40, 1, $1, 5, '0-1', 11, $2, $4, 1, $5, false, NULL),
       (41, 1, $1, 5, '0-1', 12, $3, $4, 1, NULL, true, $4)`,
    [
      APP,
      JSON.stringify(PENDING),
      JSON.stringify(DELIVERED),
      NOW,
      new Date(NOW.getTime() + 60_000),
    ],
  );
  await client.query(
    `INSERT INTO webhook_attempts (portal_id, event_id, attempt_number, started_at, duration_ms,
       status_code, error) VALUES (1, 40, 0, $1, 3, NULL, 'refused'), (1, 41, 0, $1, 3, 204, NULL)`,
    [NOW],
  );
  client.release();
  await pool.end();

  const store = await PostgresStore.open({ connectionString: schema.url });
  t.after(async () => {
    await store.close();
    await schema.drop();
  });
  await expectMigrated(store);
});
