// Library mode: startServer gives a test suite its own server, token and portal; servers in one
// process are independent; reset() empties; close() frees the port.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from '../../src/index.js';

interface Target {
  readonly url: string;
  readonly token: string;
}

async function createContact(server: Target, name: string) {
  const response = await fetch(`${server.url}/crm/v3/objects/contacts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ properties: { name } }),
  });
  assert.equal(response.status, 201);
}

async function contactNames(server: Target): Promise<string[]> {
  const response = await fetch(`${server.url}/crm/v3/objects/contacts?properties=name`, {
    headers: { authorization: `Bearer ${server.token}` },
  });
  const body = (await response.json()) as { results: { properties: { name: string } }[] };
  return body.results.map((record) => record.properties.name);
}

test('two servers in one process share nothing', async (t) => {
  const one = await startServer();
  const two = await startServer();
  t.after(() => Promise.all([one.close(), two.close()]));
  assert.notEqual(one.url, two.url);
  assert.notEqual(one.token, two.token);
  assert.equal(one.portalId, 1);
  await createContact(one, 'only in one');
  assert.deepEqual(await contactNames(one), ['only in one']);
  assert.deepEqual(await contactNames(two), []);
});

test('the token works in strict mode; reset() empties the portal and keeps the token', async (t) => {
  const server = await startServer({ auth: 'strict', adminToken: 'library-admin-token' });
  t.after(() => server.close());
  await createContact(server, 'ada');
  const anonymous = await fetch(`${server.url}/crm/v3/objects/contacts`);
  assert.equal(anonymous.status, 401);
  await server.reset();
  assert.deepEqual(await contactNames(server), []);
  await createContact(server, 'after reset');
  assert.deepEqual(await contactNames(server), ['after reset']);
});

test('close() frees the port', async () => {
  const server = await startServer();
  const port = Number(new URL(server.url).port);
  await server.close();
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => {
      probe.close(() => {
        resolve();
      });
    });
  });
});

test('a config, rate limits and a seed apply at start', async (t) => {
  const source = await startServer();
  await createContact(source, 'seeded');
  const document = await source.core.portals.exportDocument(1);
  await source.close();
  const dir = mkdtempSync(join(tmpdir(), 'has-library-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(document));
  const server = await startServer({
    seedFile,
    rateLimits: 'starter',
    config: { portals: [{ portalId: 8, name: 'eight', tokens: [{ token: 'pat-portal-eight' }] }] },
  });
  t.after(() => server.close());
  assert.deepEqual(await contactNames(server), ['seeded']);
  assert.deepEqual(await contactNames({ url: server.url, token: 'pat-portal-eight' }), []);
  const response = await fetch(`${server.url}/crm/v3/objects/contacts`);
  assert.equal(response.headers.get('x-hubspot-ratelimit-max'), '100');
});

test('a seed is read as an export document or as NDJSON items; the config names the portal', async (t) => {
  const source = await startServer();
  await createContact(source, 'seeded');
  const document = await source.core.portals.exportDocument(1);
  const items: unknown[] = [];
  for await (const item of source.core.portals.exportItems(1)) items.push(item);
  await source.close();
  const dir = mkdtempSync(join(tmpdir(), 'has-library-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const files = {
    'seed.json': JSON.stringify(document, null, 2),
    'compact.json': JSON.stringify(document),
    'seed.ndjson': items.map((item) => JSON.stringify(item)).join('\n') + '\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const server = await startServer({
    seedFile: join(dir, 'seed.ndjson'),
    config: {
      portals: [
        { portalId: 5, name: 'Acme', seed: join(dir, 'seed.json') },
        { portalId: 6, seed: join(dir, 'compact.json') },
      ],
    },
  });
  t.after(() => server.close());
  for (const portalId of [1, 5, 6]) {
    const { token } = await server.core.tokens.create(portalId, {
      scopes: ['crm.objects.contacts.read'],
    });
    assert.deepEqual(
      await contactNames({ url: server.url, token }),
      ['seeded'],
      `portal ${portalId}`,
    );
  }
  const portals = await (await fetch(`${server.url}/_emulator/portals`)).json();
  const names = Object.fromEntries(
    (portals as { results: { portalId: number; name: string }[] }).results.map((portal) => [
      portal.portalId,
      portal.name,
    ]),
  );
  assert.equal(names[5], 'Acme', "the config's name survives the seed");
  assert.equal(names[6], document.portal.name, 'without one, the seed names the portal');
});

test('a bad seed names the file and where in it, and the server does not start', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'has-library-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const ndjson = join(dir, 'bad.ndjson');
  writeFileSync(
    ndjson,
    '{"type":"portal","name":"x","nextRecordId":1,"nextLabelTypeId":1}\n{"type":"record"}\n',
  );
  await assert.rejects(startServer({ seedFile: ndjson }), (error: Error) => {
    assert.match(error.message, /^seed .*bad\.ndjson, line 2 \(portal 1\): /);
    return true;
  });
  const documentFile = join(dir, 'bad.json');
  writeFileSync(documentFile, JSON.stringify({ format: 1, records: [{ id: 'x' }] }));
  await assert.rejects(startServer({ seedFile: documentFile }), (error: Error) => {
    assert.match(error.message, /^seed .*bad\.json, \$\.records\[0\] \(portal 1\): /);
    return true;
  });
});

test('undeclaredProperties refuses undeclared properties, from the options or the config; reset() clears definitions', async (t) => {
  const fromOptions = await startServer({ settings: { undeclaredProperties: 'refuse' } });
  t.after(() => fromOptions.close());
  const fromConfig = await startServer({ config: { undeclaredProperties: 'refuse' } });
  t.after(() => fromConfig.close());
  const lenient = await startServer();
  t.after(() => lenient.close());
  const send = (server: Target, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const contact = { properties: { shoe_size: '42' } };
  for (const server of [fromOptions, fromConfig]) {
    assert.equal((await send(server, 'POST', '/crm/v3/objects/contacts', contact)).status, 400);
  }
  assert.equal((await send(lenient, 'POST', '/crm/v3/objects/contacts', contact)).status, 201);

  const definition = {
    name: 'shoe_size',
    label: 'Shoe size',
    type: 'number',
    fieldType: 'number',
    groupName: 'contactinformation',
  };
  const declared = await send(fromOptions, 'POST', '/crm/v3/properties/contacts', definition);
  assert.equal(declared.status, 201);
  assert.equal((await send(fromOptions, 'POST', '/crm/v3/objects/contacts', contact)).status, 201);
  await fromOptions.reset();
  const afterReset = await send(fromOptions, 'GET', '/crm/v3/properties/contacts/shoe_size');
  assert.equal(afterReset.status, 404);
  assert.equal((await send(fromOptions, 'POST', '/crm/v3/objects/contacts', contact)).status, 400);
});
