// Runs the store contract on SQLite, plus what only a file-backed store can show.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { createTestStore } from '../helpers/test-store.js';
import { runStoreContract } from './store.contract.js';

runStoreContract({ name: 'sqlite (memory)', open: () => createTestStore('sqlite') });

test('a SQLite file keeps committed data across close and reopen, migrating once', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'has-store-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const filename = join(dir, 'portal.db');
  const first = new SqliteStore({ filename });
  const [record] = await first.transaction((tx) =>
    tx.insertRecords(1, '0-1', [{ properties: { a: 'b' } }], new Date()),
  );
  await first.close();
  const second = new SqliteStore({ filename });
  t.after(() => second.close());
  const [read] = await second.getRecords(1, '0-1', [record!.id], false);
  assert.deepEqual(read?.properties, { a: 'b' });
  const [next] = await second.transaction((tx) =>
    tx.insertRecords(1, '0-1', [{ properties: {} }], new Date()),
  );
  assert.equal(next!.id, record!.id + 1);
});
