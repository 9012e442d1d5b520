// The CLI: readiness line, graceful shutdown, and durability of acknowledged writes across a kill.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { call, startServerProcess } from '../helpers/server-process.js';

function tempDb(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'has-cli-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return join(dir, 'portal.db');
}

test('serve prints one readiness line with the URL and answers requests', async (t) => {
  const server = await startServerProcess(['--memory']);
  t.after(() => server.child.kill('SIGKILL'));
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const created = await call(`${server.url}/crm/v3/objects/contacts`, 'POST', {
    properties: { email: 'a@b.c' },
  });
  assert.equal(created.status, 201);
});

test('SIGTERM finishes in-flight requests and closes the database cleanly', async (t) => {
  const db = tempDb(t);
  const server = await startServerProcess(['--db', db]);
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
  // A clean close checkpoints the write-ahead log into the database file and removes it.
  assert.equal(existsSync(`${db}-wal`), false);
});

test('every write acknowledged before SIGKILL is there after a restart', async (t) => {
  const db = tempDb(t);
  const first = await startServerProcess(['--db', db]);
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

  const second = await startServerProcess(['--db', db]);
  t.after(() => second.child.kill('SIGKILL'));
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
