// The CLI on the store engine under test: readiness line, graceful shutdown, and durability of
// acknowledged writes across a kill.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import { test, type TestContext } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { call, serversForTest, startServerProcess } from '../helpers/server-process.js';
import { createServerDatabase } from '../helpers/test-store.js';

/** A fresh database of the engine under test, dropped after the test's servers have ended. */
async function serverDatabase(t: TestContext) {
  const database = await createServerDatabase();
  const start = serversForTest(t, database.dispose);
  return { database, start: () => start(database.args) };
}

test('serve prints one readiness line with the URL and the store, and answers requests', async (t) => {
  const { database, start } = await serverDatabase(t);
  const server = await start();
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(
    server.line,
    `hubspot-associations-server listening on ${server.url} (store: ${database.description})`,
  );
  const created = await call(`${server.url}/crm/v3/objects/contacts`, 'POST', {
    properties: { email: 'a@b.c' },
  });
  assert.equal(created.status, 201);
});

test('serve --memory keeps a SQLite store in memory', async (t) => {
  const server = await startServerProcess(['--memory']);
  t.after(() => server.child.kill('SIGKILL'));
  assert.match(server.line, /\(store: sqlite :memory:\)$/);
});

test('SIGTERM finishes in-flight requests and closes the database cleanly', async (t) => {
  const { database, start } = await serverDatabase(t);
  const server = await start();
  // The request is in flight on the server (headers and half the body received) when the
  // signal arrives; the rest of the body follows the signal.
  const body = JSON.stringify({
    inputs: Array.from({ length: 100 }, (_, index) => ({
      properties: { email: `${index}@example.com` },
    })),
  });
  const request = http.request(`${server.url}/crm/v3/objects/contacts/batch/create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const answered = once(request, 'response').then(
    ([response]) => (response as http.IncomingMessage).statusCode,
  );
  request.write(body.slice(0, 100));
  await delay(200);
  server.child.kill('SIGTERM');
  await delay(200);
  request.end(body.slice(100));
  const [status, exit] = await Promise.all([answered, server.exited]);
  assert.equal(status, 201);
  assert.equal(exit, 0);
  if (database.closedCleanly) assert.equal(database.closedCleanly(), true);
});

test('every write acknowledged before SIGKILL is there after a restart', async (t) => {
  const { start } = await serverDatabase(t);
  const first = await start();
  const contact = await call(`${first.url}/crm/v3/objects/contacts`, 'POST', {
    properties: { email: 'k@example.com' },
  });
  const company = await call(`${first.url}/crm/v3/objects/companies`, 'POST', {
    properties: { name: 'Kill Inc' },
  });
  const associated = await call(
    `${first.url}/crm/v4/objects/contacts/${contact.body.id}/associations/companies/${company.body.id}`,
    'PUT',
    [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }],
  );
  assert.equal(associated.status, 201);
  first.child.kill('SIGKILL');
  await first.exited;

  const second = await start();
  const list = await call(
    `${second.url}/crm/v4/objects/companies/${company.body.id}/associations/contacts`,
    'GET',
  );
  assert.deepEqual(list.body.results, [
    {
      toObjectId: Number(contact.body.id),
      associationTypes: [
        {
          category: 'HUBSPOT_DEFINED',
          typeId: 280,
          label: null,
          fromObjectTypeId: '0-2',
          toObjectTypeId: '0-1',
        },
        {
          category: 'HUBSPOT_DEFINED',
          typeId: 2,
          label: 'Primary',
          fromObjectTypeId: '0-2',
          toObjectTypeId: '0-1',
        },
      ],
    },
  ]);
});

test('serve refuses --db together with --memory', async () => {
  await assert.rejects(startServerProcess(['--memory', '--db', 'x.db']), /cannot be used with/);
});

test('serve --max-labels-per-pair sets the label cap HubSpot varies by subscription', async (t) => {
  const server = await startServerProcess(['--memory', '--max-labels-per-pair', '1']);
  t.after(() => server.child.kill('SIGKILL'));
  const labels = `${server.url}/crm/associations/v4/contacts/deals/labels`;
  assert.equal((await call(labels, 'POST', { name: 'first', label: 'First' })).status, 200);
  assert.equal((await call(labels, 'POST', { name: 'second', label: 'Second' })).status, 437);
  await assert.rejects(
    startServerProcess(['--memory', '--max-labels-per-pair', '0']),
    /positive integer/,
  );
});

test('serve --undeclared-properties refuse answers 400 to writes naming undeclared properties', async (t) => {
  const server = await startServerProcess(['--memory', '--undeclared-properties', 'refuse']);
  t.after(() => server.child.kill('SIGKILL'));
  const refused = await call(`${server.url}/crm/v3/objects/contacts`, 'POST', {
    properties: { email: 'a@example.com', shoe_size: '42' },
  });
  assert.equal(refused.status, 400);
  assert.match(refused.body.message, /Property \\"shoe_size\\" does not exist/);
  const accepted = await call(`${server.url}/crm/v3/objects/contacts`, 'POST', {
    properties: { email: 'a@example.com' },
  });
  assert.equal(accepted.status, 201);
  await assert.rejects(
    startServerProcess(['--memory', '--undeclared-properties', 'sometimes']),
    /sometimes/,
  );
});

test('serve --search-lag-ms leaves fresh writes out of search results', async (t) => {
  const server = await startServerProcess(['--memory', '--search-lag-ms', '60000']);
  t.after(() => server.child.kill('SIGKILL'));
  const created = await call(`${server.url}/crm/v3/objects/contacts`, 'POST', {
    properties: { email: 'fresh@example.com' },
  });
  assert.equal(created.status, 201);
  const found = await call(`${server.url}/crm/v3/objects/contacts/search`, 'POST', {});
  assert.equal(found.status, 200);
  assert.equal(found.body.total, 0);
  const lag = await call(`${server.url}/_emulator/portals/1/search-lag`, 'GET');
  assert.deepEqual(lag.body, { portalId: 1, lagMs: 60000 });
  await assert.rejects(startServerProcess(['--memory', '--search-lag-ms', '-5']), /0 or more/);
});
