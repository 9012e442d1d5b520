// Write transactions queued together share one commit; each still stands or falls alone.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { CommitGroups } from './commit-groups.js';

/** A budget no test's group runs past, unless it waits on purpose (a busy machine takes 1 ms). */
const ROOMY_BUDGET_MS = 1000;

function open(t: TestContext, budgetMs = ROOMY_BUDGET_MS) {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY)');
  t.after(() => db.close());
  const insert = db.prepare('INSERT INTO rows VALUES (?)');
  const ids = () => db.prepare('SELECT id FROM rows ORDER BY id').pluck().all();
  return {
    db,
    groups: new CommitGroups(db, budgetMs),
    insert: (id: number) => insert.run(id),
    ids,
  };
}

test('writes queued together run in order and are settled only once their shared commit is done', async (t) => {
  const { groups, insert, ids } = open(t);
  const events: string[] = [];
  const write = (id: number) =>
    groups
      .transaction(() => {
        insert(id);
        events.push(`write ${id}`);
        return Promise.resolve(id);
      })
      .then((value) => events.push(`settled ${value}`));
  await Promise.all([write(1), write(2), write(3)]);
  assert.deepEqual(events, [
    'write 1',
    'write 2',
    'write 3',
    'settled 1',
    'settled 2',
    'settled 3',
  ]);
  assert.deepEqual(ids(), [1, 2, 3]);
});

for (const [failing, where] of [
  [0, 'first, rolled back with the transaction'],
  [1, 'after another, undone to its savepoint'],
] as const) {
  test(`a write that fails (${where}) is undone alone; the writes around it commit`, async (t) => {
    const { groups, insert, ids } = open(t);
    const results = await Promise.allSettled(
      [1, 2, 3].map((id, index) =>
        groups.transaction(() => {
          insert(id);
          return index === failing ? Promise.reject(new Error('refused')) : Promise.resolve();
        }),
      ),
    );
    assert.deepEqual(
      results.map((result) => result.status === 'fulfilled'),
      [0, 1, 2].map((index) => index !== failing),
    );
    assert.deepEqual(
      ids(),
      [1, 2, 3].filter((_, index) => index !== failing),
    );
  });
}

test('a write that ends the whole transaction takes the unsettled writes before it; later ones still run', async (t) => {
  const { db, groups, insert, ids } = open(t);
  const results = await Promise.allSettled([
    groups.transaction(() => Promise.resolve(insert(1))),
    groups.transaction(() => {
      // As SQLite does on a full disk: the error rolls the whole transaction back.
      db.exec('ROLLBACK');
      return Promise.reject(new Error('disk full'));
    }),
    groups.transaction(() => Promise.resolve(insert(3))),
  ]);
  assert.deepEqual(
    results.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ok')),
    ['Error: disk full', 'Error: disk full', 'ok'],
  );
  assert.deepEqual(ids(), [3]);
});

test('when the commit fails, every write of the group is refused and none is stored', async (t) => {
  const { db, groups, ids } = open(t);
  // A deferred foreign key is checked at COMMIT: the one way to make a commit itself fail here.
  db.pragma('foreign_keys = ON');
  db.exec(
    `CREATE TABLE children (parent INTEGER REFERENCES rows (id) DEFERRABLE INITIALLY DEFERRED)`,
  );
  const child = db.prepare('INSERT INTO children VALUES (?)');
  const results = await Promise.allSettled([
    groups.transaction(() => Promise.resolve(child.run(1))),
    groups.transaction(() => Promise.resolve(child.run(99))),
  ]);
  db.prepare('INSERT INTO rows VALUES (1)').run();
  assert.deepEqual(
    results.map((result) => result.status),
    ['rejected', 'rejected'],
  );
  assert.match(String((results[0] as PromiseRejectedResult).reason), /FOREIGN KEY/);
  assert.equal(db.prepare('SELECT count(*) FROM children').pluck().get(), 0);
  assert.deepEqual(ids(), [1]);
  assert.equal(db.inTransaction, false);
});

test('a task queued between writes runs between them, seeing the first and not the second', async (t) => {
  const { groups, insert, ids } = open(t);
  const seen = await Promise.all([
    groups.transaction(() => Promise.resolve(insert(1))),
    groups.run(() => ids()),
    groups.transaction(() => Promise.resolve(insert(2))),
  ]);
  assert.deepEqual(seen[1], [1]);
  assert.deepEqual(ids(), [1, 2]);
});

test('a group that runs past its budget commits, lets waiting I/O in, then goes on', async (t) => {
  const { groups, insert } = open(t, 1);
  const events: string[] = [];
  await Promise.all([
    groups
      .transaction(() => {
        insert(1);
        setImmediate(() => events.push('I/O'));
        // A long write, past the group's budget, that holds the thread: the I/O can come in only
        // when the group lets it. (Awaiting a timer here let it in whenever the timer came due
        // after the next turn, and on a loaded machine it did not always.)
        const until = performance.now() + 5;
        while (performance.now() < until);
        events.push('write 1');
        return Promise.resolve();
      })
      .then(() => events.push('settled 1')),
    groups
      .transaction(() => {
        insert(2);
        events.push('write 2');
        return Promise.resolve();
      })
      .then(() => events.push('settled 2')),
  ]);
  assert.deepEqual(events, ['write 1', 'settled 1', 'I/O', 'write 2', 'settled 2']);
});

test('when the transaction cannot begin, every write waiting for it is refused', async (t) => {
  const file = join(mkdtempSync(join(tmpdir(), 'commit-groups-')), 'locked.db');
  const db = new Database(file);
  const other = new Database(file);
  t.after(() => {
    other.close();
    db.close();
    rmSync(dirname(file), { recursive: true, force: true });
  });
  db.pragma('busy_timeout = 0');
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY)');
  const groups = new CommitGroups(db, ROOMY_BUDGET_MS);
  // Another process holds the write lock past the busy timeout.
  other.exec('BEGIN IMMEDIATE');
  const results = await Promise.allSettled([
    groups.transaction(() => Promise.resolve(1)),
    groups.transaction(() => Promise.resolve(2)),
  ]);
  assert.deepEqual(
    results.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ok')),
    ['SqliteError: database is locked', 'SqliteError: database is locked'],
  );
  other.exec('ROLLBACK');
  assert.equal(await groups.transaction(() => Promise.resolve('written')), 'written');
});

test('when the connection cannot even roll back, the writes waiting on it are refused, and it recovers', async (t) => {
  const { db, groups, insert, ids } = open(t);
  insert(1);
  // A read left open keeps the connection busy: better-sqlite3 then refuses every other
  // statement, the savepoint, ROLLBACK and COMMIT included.
  let openRead: IterableIterator<unknown> | null = null;
  const results = await Promise.allSettled([
    groups.transaction(() => {
      insert(2);
      openRead = db.prepare('SELECT id FROM rows').iterate();
      openRead.next();
      return Promise.resolve();
    }),
    groups.transaction(() => Promise.resolve(insert(3))),
  ]);
  assert.deepEqual(
    results.map((result) => result.status),
    ['rejected', 'rejected'],
  );
  (openRead as IterableIterator<unknown> | null)?.return?.();
  // The next write rolls back what the failed group left and commits on its own.
  await groups.transaction(() => Promise.resolve(insert(4)));
  assert.deepEqual(ids(), [1, 4]);
});
