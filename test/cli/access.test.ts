// The CLI's access options: strict mode and its admin token, config files with portals and
// tokens, seeds, rate limits; tokens made through one process apply in another within a second.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { call, serversForTest, startServerProcess } from '../helpers/server-process.js';
import { createServerDatabase } from '../helpers/test-store.js';

const ADMIN_TOKEN = 'admin-token-from-env';

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'has-access-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

async function serverDatabase(t: TestContext) {
  const database = await createServerDatabase();
  return { database, start: serversForTest(t, database.dispose) };
}

test('strict mode without an admin token refuses to start, saying why', async () => {
  await assert.rejects(
    startServerProcess(['--memory', '--auth', 'strict']),
    /strict mode needs an admin token/,
  );
});

test('an invalid config file stops the server with the path of each problem', async (t) => {
  const file = join(tempDir(t), 'server.json');
  writeFileSync(file, JSON.stringify({ auth: 'closed', portals: [{ portalId: -1 }] }));
  await assert.rejects(startServerProcess(['--memory', '--config', file]), (error: Error) =>
    ['server.json is not valid', '/auth', '/portals/0/portalId'].every((text) =>
      error.message.includes(text),
    ),
  );
});

test('--config and --seed: portals, tokens, rate limits and the seeded default portal', async (t) => {
  const dir = tempDir(t);
  const { start, database } = await serverDatabase(t);
  // A seed exported from a server of its own.
  const source = await start(database.args);
  await call(`${source.url}/crm/v3/objects/companies`, 'POST', {
    properties: { name: 'Seeded Inc' },
  });
  const exported = await call(`${source.url}/_emulator/portals/1/export`, 'GET');
  const seed = join(dir, 'seed.json');
  writeFileSync(seed, JSON.stringify(exported.body));
  const config = join(dir, 'server.json');
  writeFileSync(
    config,
    JSON.stringify({
      auth: 'strict',
      rateLimits: { tenSecondly: 50, daily: 500 },
      portals: [
        { portalId: 1, tokens: [{ token: 'pat-default-portal' }] },
        {
          portalId: 7,
          name: 'Seven',
          tokens: [{ token: 'pat-portal-seven', scopes: ['crm.objects.contacts.read'] }],
        },
      ],
    }),
  );
  const { database: other } = await serverDatabase(t);
  const server = await startServerProcess([...other.args, '--config', config, '--seed', seed], {
    HUBSPOT_ADMIN_TOKEN: ADMIN_TOKEN,
  });
  t.after(() => server.child.kill('SIGKILL'));

  assert.equal((await call(`${server.url}/crm/v3/objects/companies`, 'GET')).status, 401);
  const companies = await call(
    `${server.url}/crm/v3/objects/companies?properties=name`,
    'GET',
    undefined,
    'pat-default-portal',
  );
  assert.equal(companies.status, 200);
  assert.deepEqual(
    companies.body.results.map((r: any) => r.properties.name),
    ['Seeded Inc'],
  );
  assert.equal(companies.headers.get('x-hubspot-ratelimit-max'), '50');
  const seven = await call(
    `${server.url}/crm/v3/objects/contacts`,
    'GET',
    undefined,
    'pat-portal-seven',
  );
  assert.equal(seven.status, 200);
  assert.deepEqual(seven.body.results, []);
  assert.equal(
    (await call(`${server.url}/crm/v3/objects/companies`, 'GET', undefined, 'pat-portal-seven'))
      .status,
    403,
  );
  const portals = await call(`${server.url}/_emulator/portals`, 'GET', undefined, ADMIN_TOKEN);
  assert.deepEqual(
    portals.body.results.map((p: any) => [p.portalId, p.name]),
    [
      [1, 'default'],
      [7, 'Seven'],
    ],
  );
});

test('a token made through one process is accepted by another sharing the store within a second', async (t) => {
  const { start, database } = await serverDatabase(t);
  const flags = [...database.args, '--auth', 'strict', '--admin-token', ADMIN_TOKEN];
  const one = await start(flags);
  const two = await start(flags);
  const token = 'pat-made-in-process-one';
  // Process two looks the token up (a miss it caches) before it exists.
  assert.equal(
    (await call(`${two.url}/crm/v3/objects/contacts`, 'GET', undefined, token)).status,
    401,
  );
  const created = await call(
    `${one.url}/_emulator/portals/1/tokens`,
    'POST',
    { token },
    ADMIN_TOKEN,
  );
  assert.equal(created.status, 201);
  await delay(1100);
  assert.equal(
    (await call(`${two.url}/crm/v3/objects/contacts`, 'GET', undefined, token)).status,
    200,
  );
});
