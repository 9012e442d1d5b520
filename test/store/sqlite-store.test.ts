// Runs the store contract on SQLite, plus what only a file-backed store can show.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { createSharedTestStores, createTestStore } from '../helpers/test-store.js';
import { runStoreContract } from './store.contract.js';

runStoreContract({
  name: 'sqlite (memory)',
  open: () => createTestStore('sqlite'),
  openShared: (count) => createSharedTestStores(count, 'sqlite'),
});

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

test('the write-ahead log is checkpointed into the file while the store stays open', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'has-store-'));
  const filename = join(dir, 'portal.db');
  const store = new SqliteStore({ filename });
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const before = statSync(filename).size;
  // About 7 MB of log: past the thread's 4 MiB threshold, far below SQLite's own backstop.
  for (let batch = 0; batch < 50; batch++) {
    const rows = Array.from({ length: 4000 }, (_, index) => ({
      fromObjectTypeId: '0-1',
      fromId: batch * 10_000 + index,
      toObjectTypeId: '0-2',
      toId: index,
      category: 'HUBSPOT_DEFINED' as const,
      typeId: 279,
    }));
    await store.transaction((tx) => tx.insertAssociations(1, rows));
  }
  for (let wait = 0; wait < 50 && statSync(filename).size <= before * 10; wait++) {
    await delay(100);
  }
  assert.ok(statSync(filename).size > before * 10, 'the log was copied into the database file');
});
