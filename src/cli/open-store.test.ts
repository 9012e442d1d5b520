// Which engine the command line and the environment choose, and how the store is named.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseStore, DEFAULT_SQLITE_FILE, describePostgresUrl } from './open-store.js';

const URL = 'postgres://app:secret@db.internal:5433/crm';

test('nothing named means the default SQLite file', () => {
  assert.deepEqual(chooseStore({}), { engine: 'sqlite', filename: DEFAULT_SQLITE_FILE });
});

test('--db is a SQLite file unless it is a postgres:// or postgresql:// URL', () => {
  assert.deepEqual(chooseStore({ db: 'x.db' }), { engine: 'sqlite', filename: 'x.db' });
  assert.deepEqual(chooseStore({ db: URL }), { engine: 'postgres', url: URL });
  const other = 'postgresql://localhost/crm';
  assert.deepEqual(chooseStore({ db: other }), { engine: 'postgres', url: other });
});

test('DATABASE_URL counts only when neither --db nor --memory is given', () => {
  assert.deepEqual(chooseStore({ databaseUrl: URL }), { engine: 'postgres', url: URL });
  assert.deepEqual(chooseStore({ databaseUrl: URL, db: 'x.db' }), {
    engine: 'sqlite',
    filename: 'x.db',
  });
  assert.deepEqual(chooseStore({ databaseUrl: URL, memory: true }), {
    engine: 'sqlite',
    filename: ':memory:',
  });
  assert.throws(() => chooseStore({ databaseUrl: 'mysql://localhost/crm' }), /DATABASE_URL/);
});

test('a PostgreSQL store is named by host and database, never with its credentials', () => {
  assert.equal(describePostgresUrl(URL), 'db.internal:5433/crm');
  assert.equal(
    describePostgresUrl('postgresql:///crm?host=/run/postgresql'),
    '/run/postgresql/crm',
  );
  assert.equal(describePostgresUrl('postgres://app@localhost'), 'localhost/app');
  assert.equal(describePostgresUrl('postgres://a:b@host:99999/crm'), 'database');
});
