// serve --workers: several processes behind one port over one store, replaced when they die (after
// a back-off when they keep dying), stopped together; a worker that cannot start ends the command.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { call, runCli, serversForTest, startServerProcess } from '../helpers/server-process.js';
import { createServerDatabase, TEST_ENGINE } from '../helpers/test-store.js';

/** The children of a process; `ps` lists none (and exits 1) once they have all ended. */
function workerPids(primary: number): number[] {
  const ps = spawnSync('ps', ['-o', 'pid=', '--ppid', String(primary)], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter(Boolean).map(Number);
}

/** The primary's workers once there are `count` of them, none of them `gone`. */
async function untilWorkers(primary: number, count: number, gone?: number): Promise<number[]> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const pids = workerPids(primary);
    if (pids.length === count && !pids.includes(gone ?? -1)) return pids;
    await delay(100);
  }
  throw new Error(`never saw ${count} workers: ${workerPids(primary).join(' ')}`);
}

async function createContacts(url: string): Promise<string[]> {
  const inputs = Array.from({ length: 10 }, () => ({ properties: {} }));
  const response = await call(`${url}/crm/v3/objects/contacts/batch/create`, 'POST', { inputs });
  assert.equal(response.status, 201);
  return response.body.results.map((result: { id: string }) => result.id);
}

test('two workers share the port and the store, a dead one is replaced, SIGTERM stops all', async (t) => {
  const database = await createServerDatabase();
  const start = serversForTest(t, database.dispose);
  const server = await start([...database.args, '--workers', '2']);
  assert.match(server.line, /\(store: .+, 2 workers\)$/);
  const primary = server.child.pid!;
  const [first] = await untilWorkers(primary, 2);

  const batches = await Promise.all(Array.from({ length: 20 }, () => createContacts(server.url)));
  assert.equal(new Set(batches.flat()).size, 200, 'no id handed out twice across workers');

  process.kill(first!, 'SIGKILL');
  await untilWorkers(primary, 2, first);
  // A kept-alive connection of the killed worker may still be pooled here; a client's retry goes
  // out on a fresh one, which the surviving workers answer.
  const list = () => call(`${server.url}/crm/v3/objects/contacts?limit=100`, 'GET');
  const listed = await list().catch(list);
  assert.equal(listed.body.results.length, 100);

  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0);
  assert.deepEqual(workerPids(primary), []);
});

test('--workers refuses an in-memory store, which workers could not share', async () => {
  await assert.rejects(startServerProcess(['--memory', '--workers', '2']), /shared store/);
});

test('a dead worker is replaced after a back-off that grows while replacements keep dying', async (t) => {
  const database = await createServerDatabase();
  const start = serversForTest(t, database.dispose);
  const server = await start([...database.args, '--workers', '2']);
  let stderr = '';
  server.child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const primary = server.child.pid!;
  const [first] = await untilWorkers(primary, 2);
  process.kill(first!, 'SIGKILL');
  const [, replacement] = await untilWorkers(primary, 2, first);
  process.kill(replacement!, 'SIGKILL');
  await untilWorkers(primary, 2, replacement);
  const waits = [...stderr.matchAll(/ended \(signal SIGKILL\); starting another in (\d+) ms/g)];
  assert.deepEqual(
    waits.map((match) => Number(match[1])),
    [100, 200],
  );
});

test('--workers ends with the error of a worker that cannot open its store', async () => {
  // A SQLite file in a folder that does not exist; a PostgreSQL port nothing listens on.
  const db =
    TEST_ENGINE === 'postgres' ? 'postgres://postgres@127.0.0.1:1/crm' : '/nonexistent-dir/x.db';
  const result = await runCli(['serve', '--port', '0', '--workers', '2', '--db', db]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, TEST_ENGINE === 'postgres' ? /ECONNREFUSED/ : /does not exist/);
  assert.match(result.stderr, /could not start \(exit code 1\); stopping the others/);
  assert.doesNotMatch(result.stderr, /starting another/);
});

test('--workers ends with the error of a worker whose port is in use', async (t) => {
  const database = await createServerDatabase();
  const start = serversForTest(t, database.dispose);
  const taken = await start(database.args);
  const port = new URL(taken.url).port;
  const result = await runCli(['serve', ...database.args, '--port', port, '--workers', '2']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, new RegExp(`EADDRINUSE 127\\.0\\.0\\.1:${port}`));
  assert.doesNotMatch(result.stderr, /starting another/);
});
