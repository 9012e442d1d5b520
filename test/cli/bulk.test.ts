// Bulk export and import on the store engine under test: exact round trips through NDJSON and
// CSV, bad lines named by their line and changing nothing, and the commands as processes, piped.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { test, type TestContext } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { BadLineError, type BulkFormat } from '../../src/cli/bulk-formats.js';
import { exportPortal, importPortal } from '../../src/cli/bulk.js';
import { createCore } from '../../src/core/create-core.js';
import type { Store } from '../../src/core/ports.js';
import { call, finished, runCli, serversForTest, spawnCli } from '../helpers/server-process.js';
import { buildTestApp } from '../helpers/test-app.js';
import { createServerDatabase, createTestStore, TEST_ENGINE } from '../helpers/test-store.js';

type Send = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: any }>;

/**
 * Some of everything, through the API: records of three types with awkward properties (commas,
 * quotes, line breaks, an empty value, non-ASCII), a user-defined label and a labelled
 * association, default associations, an archived contact with its rows set aside, two limits,
 * a property group with a property in it and an archived property.
 */
async function populate(send: Send): Promise<void> {
  const ok = async (method: string, path: string, body?: unknown) => {
    const response = await send(method, path, body);
    assert.ok(response.status < 300, `${method} ${path}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  await ok('POST', '/crm/v3/properties/contacts/groups', {
    name: 'loyalty',
    label: 'Loyalty, "L"',
  });
  await ok('POST', '/crm/v3/properties/contacts/batch/create', {
    inputs: [
      {
        name: 'tier',
        label: 'Tier',
        type: 'enumeration',
        fieldType: 'radio',
        groupName: 'loyalty',
        options: [{ label: 'Gold; "G"', value: 'gold', hidden: false, displayOrder: 1 }],
      },
      {
        name: 'old_score',
        label: 'Old',
        type: 'number',
        fieldType: 'number',
        groupName: 'loyalty',
      },
    ],
  });
  await ok('DELETE', '/crm/v3/properties/contacts/old_score');
  const create = async (type: string, properties: Record<string, string>): Promise<string> =>
    (await ok('POST', `/crm/v3/objects/${type}`, { properties })).id;
  const ada = await create('contacts', { email: 'ada@example.com', firstname: 'Ada' });
  const zoe = await create('contacts', {
    firstname: 'Zoë, "Z" O\'Neil',
    notes: 'line one\nline two\r\nline three',
    nickname: '',
  });
  const gone = await create('contacts', {});
  const acme = await create('companies', { name: 'Acme; Inc.', domain: 'acme.example' });
  const deal = await create('deals', { dealname: '€1,000 — "big"' });
  const labels = await ok('POST', '/crm/associations/v4/contacts/companies/labels', {
    name: 'manager',
    label: 'Manager',
    inverseLabel: 'Employer',
  });
  const manager = labels.results.find((type: any) => type.label === 'Manager').typeId;
  await ok('PUT', `/crm/v4/objects/contacts/${ada}/associations/companies/${acme}`, [
    { associationCategory: 'USER_DEFINED', associationTypeId: manager },
  ]);
  await ok('PUT', `/crm/v4/objects/contacts/${zoe}/associations/default/companies/${acme}`);
  await ok('PUT', `/crm/v4/objects/contacts/${gone}/associations/default/companies/${acme}`);
  await ok('PUT', `/crm/v4/objects/deals/${deal}/associations/default/contacts/${ada}`);
  await ok('DELETE', `/crm/v3/objects/contacts/${gone}`);
  await ok(
    'POST',
    '/crm/associations/v4/definitions/configurations/contacts/companies/batch/create',
    {
      inputs: [
        { category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 5 },
        { category: 'USER_DEFINED', typeId: manager, maxToObjectIds: 2 },
      ],
    },
  );
}

/** A store holding a populated portal 1, populated through the HTTP API. */
async function populatedStore(t: TestContext): Promise<Store> {
  const app = await buildTestApp(t);
  await populate((method, path, body) => app.request(method, path, body));
  return app.store;
}

async function freshStore(t: TestContext): Promise<Store> {
  const { store, dispose } = await createTestStore();
  t.after(dispose);
  return store;
}

async function exportText(store: Store, portalId: number, format: BulkFormat): Promise<string> {
  const output = new PassThrough();
  let text = '';
  output.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  await exportPortal(store, { portalId, format, output });
  return text;
}

/** The text as a stream of small chunks: lines and characters split across chunks. */
function chunked(text: string, size = 7): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) {
    chunks.push(bytes.subarray(start, start + size));
  }
  return Readable.from(chunks);
}

function importText(store: Store, portalId: number, format: BulkFormat, text: string) {
  return importPortal(store, { portalId, format, input: chunked(text) });
}

/** The types of the NDJSON items, counted. */
function typesOf(ndjson: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of ndjson.trimEnd().split('\n')) {
    const { type } = JSON.parse(line) as { type: string };
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

test('NDJSON export, import into a fresh store, export again: the same bytes', async (t) => {
  const source = await populatedStore(t);
  const exported = await exportText(source, 1, 'ndjson');
  assert.deepEqual(typesOf(exported), {
    portal: 1,
    propertyGroup: 1,
    property: 2,
    label: 1,
    limit: 2,
    record: 5,
    // Each association is a row both ways; the labelled one has its unlabeled rows too; the
    // archived contact's two rows are set aside, marked archived.
    association: 10,
  });
  assert.equal(exported.split('\n').filter((line) => line.includes('"archived":true')).length, 2);

  const target = await freshStore(t);
  // Portal 7 does not exist in the fresh store: the import creates it.
  const summary = await importText(target, 7, 'ndjson', exported);
  assert.deepEqual(summary, {
    records: 5,
    associations: 10,
    labels: 1,
    limits: 2,
    properties: 3,
    items: 22,
  });
  assert.equal(await exportText(target, 7, 'ndjson'), exported);
});

test('an import reads an export document too, pretty or on one line, as NDJSON reads', async (t) => {
  const source = await populatedStore(t);
  const exported = await exportText(source, 1, 'ndjson');
  const document = await createCore({ store: source }).portals.exportDocument(1);
  const target = await freshStore(t);
  for (const [portalId, text] of [
    [7, JSON.stringify(document, null, 2)],
    [8, `\uFEFF${JSON.stringify(document)}\n`],
  ] as const) {
    const summary = await importText(target, portalId, 'ndjson', text);
    assert.deepEqual(summary, {
      records: 5,
      associations: 10,
      labels: 1,
      limits: 2,
      properties: 3,
      items: 22,
    });
    assert.equal(await exportText(target, portalId, 'ndjson'), exported, `portal ${portalId}`);
  }
  const bad = { ...document, records: [...document.records, { id: 'x' }] };
  const error = await badLine(target, 'ndjson', JSON.stringify(bad, null, 2));
  assert.equal(error.where, '$.records[5]');
  const broken = await badLine(target, 'ndjson', '{\n  "format": 1,\n  "portal": ]\n}');
  assert.match(broken.problem, /^not JSON/, 'a document that is not JSON says so');
  assert.equal(await exportText(target, 7, 'ndjson'), exported, 'bad documents change nothing');
});

test('CSV export, import, export again: the same bytes; NDJSON → CSV → NDJSON too', async (t) => {
  const source = await populatedStore(t);
  const csv = await exportText(source, 1, 'csv');
  assert.match(csv, /^type,name,nextRecordId,/);
  const viaCsv = await freshStore(t);
  await importText(viaCsv, 1, 'csv', csv);
  assert.equal(await exportText(viaCsv, 1, 'csv'), csv);

  const ndjson = await exportText(source, 1, 'ndjson');
  const first = await freshStore(t);
  await importText(first, 2, 'ndjson', ndjson);
  const second = await freshStore(t);
  await importText(second, 3, 'csv', await exportText(first, 2, 'csv'));
  assert.equal(await exportText(second, 3, 'ndjson'), ndjson);
});

test(
  'a portal moved from PostgreSQL to SQLite and back exports to the same bytes',
  { skip: TEST_ENGINE === 'postgres' ? false : 'runs in the PostgreSQL pass, on both engines' },
  async (t) => {
    const postgres = await populatedStore(t);
    const sqlite = await createTestStore('sqlite');
    t.after(sqlite.dispose);
    for (const format of ['ndjson', 'csv'] as const) {
      const exported = await exportText(postgres, 1, format);
      await importText(sqlite.store, 1, format, exported);
      assert.equal(await exportText(sqlite.store, 1, format), exported);
      await importText(postgres, 2, format, await exportText(sqlite.store, 1, format));
      assert.equal(await exportText(postgres, 2, format), exported);
    }
  },
);

test('an import replaces the portal: what it held before is gone', async (t) => {
  const source = await populatedStore(t);
  const exported = await exportText(source, 1, 'ndjson');
  const target = await buildTestApp(t);
  await target.createRecords('tickets', 3);
  await importText(target.store, 1, 'ndjson', exported);
  assert.deepEqual((await target.request('GET', '/crm/v3/objects/tickets')).body.results, []);
  assert.equal(await exportText(target.store, 1, 'ndjson'), exported);
});

/** Runs the import, expecting a BadLineError; returns it. */
async function badLine(store: Store, format: BulkFormat, text: string): Promise<BadLineError> {
  let caught: unknown;
  await importText(store, 1, format, text).catch((error: unknown) => (caught = error));
  assert.ok(caught instanceof BadLineError, `expected a BadLineError, got ${String(caught)}`);
  return caught;
}

test('a bad NDJSON line is named by its line in the file, and changes nothing', async (t) => {
  const store = await populatedStore(t);
  const before = await exportText(store, 1, 'ndjson');
  const lines = before.trimEnd().split('\n');
  // A blank line (skipped, but counted), then a record whose createdAt is not an instant.
  const recordAt = lines.findIndex((line) => line.includes('"type":"record"'));
  const invalid = [...lines];
  invalid[recordAt] = invalid[recordAt]!.replace(/"createdAt":"[^"]+"/, '"createdAt":"yesterday"');
  invalid.splice(1, 0, '');
  const error = await badLine(store, 'ndjson', `${invalid.join('\n')}\n`);
  assert.equal(error.line, recordAt + 2);
  assert.match(error.problem, /record: createdAt must be an ISO 8601 instant, not "yesterday"/);

  const broken = [...lines];
  broken[4] = '{"type":"record",';
  const parse = await badLine(store, 'ndjson', broken.join('\n'));
  assert.equal(parse.line, 5);
  assert.match(parse.problem, /^not JSON/);

  // An association before the records it names is refused at its own line.
  const early = [lines[0]!, lines.at(-1)!, ...lines.slice(1, -1)];
  const order = await badLine(store, 'ndjson', early.join('\n'));
  assert.equal(order.line, 2);
  assert.match(order.problem, /records come before the associations naming them/);

  assert.equal(await exportText(store, 1, 'ndjson'), before);
});

test('a bad CSV row is named by the line it starts on, in a CRLF file with a cell on two lines', async (t) => {
  const store = await populatedStore(t);
  const before = await exportText(store, 1, 'ndjson');
  const lines = (await exportText(store, 1, 'csv')).trimEnd().split('\n');
  // As a spreadsheet might save it: CRLF line breaks, and a portal name on two lines.
  assert.match(lines[1]!, /^portal,[^,"]+,/);
  lines[1] = lines[1]!.replace(/^portal,[^,]+,/, 'portal,"Acme\r\nEurope",');
  const crlf = (rows: readonly string[]) => `${rows.join('\r\n')}\r\n`;
  const companyAt = lines.findIndex((line) => line.includes('acme.example'));
  const invalid = [...lines];
  invalid[companyAt] = invalid[companyAt]!.replace(/\d{4}-\d\d-\d\dT[^,]+Z/, 'yesterday');
  const error = await badLine(store, 'csv', crlf(invalid));
  assert.equal(error.line, companyAt + 2);
  assert.match(error.problem, /record: createdAt must be an ISO 8601 instant, not "yesterday"/);

  const short = [...lines.slice(0, 3), '', 'record,0-1', ...lines.slice(3)];
  const length = await badLine(store, 'csv', crlf(short));
  assert.equal(length.line, 6);
  assert.match(length.problem, /the row has 2 cells, the header 23 columns/);

  const quote = await badLine(store, 'csv', 'type,name\nportal,"Acme\n"Europe"\n');
  assert.match(quote.problem, /quote/i);

  const header = await badLine(store, 'csv', `type,colour\nportal,red\n`);
  assert.equal(header.line, 1);
  assert.match(header.problem, /unknown column "colour"/);

  // The multi-line name imports as it reads.
  await importText(store, 3, 'csv', crlf(lines));
  const portal = (await exportText(store, 3, 'ndjson')).split('\n')[0]!;
  assert.match(portal, /^\{"type":"portal","name":"Acme\\r\\nEurope",/);
  assert.equal(await exportText(store, 1, 'ndjson'), before);
});

test('an empty input is refused rather than emptying the portal', async (t) => {
  const store = await populatedStore(t);
  const before = await exportText(store, 1, 'ndjson');
  await assert.rejects(importText(store, 1, 'ndjson', '\n\n'), /the input holds no items/);
  await assert.rejects(importText(store, 1, 'csv', ''), /the input holds no items/);
  assert.equal(await exportText(store, 1, 'ndjson'), before);
});

/** Two fresh databases of the engine under test, and servers on them that end with the test. */
async function databases(t: TestContext) {
  const source = await createServerDatabase();
  const target = await createServerDatabase();
  const start = serversForTest(t, async () => {
    await source.dispose();
    await target.dispose();
  });
  return { source, target, start };
}

/** Two fresh databases, and a server on the first whose portal 1 is populated through it. */
async function populatedDatabase(t: TestContext) {
  const databasesOfTest = await databases(t);
  const server = await databasesOfTest.start(databasesOfTest.source.args);
  await populate((method, path, body) => call(`${server.url}${path}`, method, body));
  return databasesOfTest;
}

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'has-bulk-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

test('the commands: export | import - copies a served portal into another database', async (t) => {
  const { source, target, start } = await populatedDatabase(t);

  const exporter = spawnCli(['export', ...source.args]);
  const importer = spawnCli(['import', '-', ...target.args]);
  exporter.stdout.pipe(importer.stdin);
  const [exported, imported] = await Promise.all([finished(exporter), finished(importer)]);
  assert.equal(exported.code, 0, exported.stderr);
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(typesOf(exported.stdout)['record'], 5);
  // Piped, stderr gets one summary line and no progress bar.
  assert.match(
    exported.stderr,
    /^exported portal 1 to stdout \(ndjson\): 22 items \(records 5, associations 10, labels 1, limits 2, properties 3\) in [\d.]+ s, \d+ items\/s\n$/,
  );
  assert.match(imported.stderr, /^imported portal 1 from stdin \(ndjson\): 22 items .*\n$/);

  const copy = await runCli(['export', ...target.args]);
  assert.equal(copy.stdout, exported.stdout);
  // The copy is served: Ada's company with the label made through the API.
  const copyServer = await start(target.args);
  // After the portal, the property group and the two properties, the label and the two limits.
  const ada = JSON.parse(exported.stdout.split('\n')[7]!) as { id: string };
  const companies = await call(
    `${copyServer.url}/crm/v4/objects/contacts/${ada.id}/associations/companies`,
    'GET',
  );
  assert.deepEqual(
    companies.body.results[0].associationTypes.map((type: any) => type.label),
    [null, 'Manager'],
  );
});

test('the commands: --out writes CSV by its extension, and import reads it back', async (t) => {
  const { source, target } = await populatedDatabase(t);
  const dir = tempDir(t);
  const file = join(dir, 'portal.csv');

  const exported = await runCli(['export', ...source.args, '--out', file]);
  assert.equal(exported.code, 0, exported.stderr);
  assert.equal(exported.stdout, '');
  assert.match(exported.stderr, new RegExp(`to ${file} \\(csv\\): 22 items`));
  const imported = await runCli(['import', file, ...target.args, '--portal', '4']);
  assert.equal(imported.code, 0, imported.stderr);
  const again = await runCli(['export', ...target.args, '--portal', '4', '--format', 'csv']);
  assert.equal(again.stdout, readFileSync(file, 'utf8'));

  // A portal that does not exist: an error, and no file left behind.
  const missing = await runCli(['export', ...target.args, '--portal', '5', '--out', file]);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /No portal with id 5/);
  assert.equal(readFileSync(file, 'utf8'), again.stdout, 'the older file is kept');
});

test('the commands: a bad line exits non-zero, names the line, and changes nothing', async (t) => {
  const { source } = await populatedDatabase(t);
  const before = await runCli(['export', ...source.args]);
  const lines = before.stdout.split('\n');
  lines[4] = lines[4]!.replace('"type":"label"', '"type":"lable"');
  const file = join(tempDir(t), 'bad.ndjson');
  writeFileSync(file, lines.join('\n'));

  const imported = await runCli(['import', file, ...source.args]);
  assert.equal(imported.code, 1);
  assert.equal(
    imported.stderr,
    `${file}, line 5: type must be one of portal, schema, propertyGroup, property, label, limit, record, association, not "lable"; nothing was imported; portal 1 is unchanged\n`,
  );
  assert.equal((await runCli(['export', ...source.args])).stdout, before.stdout);
});

test('the commands: import takes an export document and names a bad item by its path', async (t) => {
  const { source } = await populatedDatabase(t);
  const before = await runCli(['export', ...source.args]);
  const items = before.stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string } & Record<string, unknown>);
  const section = (type: string) =>
    items.filter((item) => item.type === type).map(({ type: _type, ...fields }) => fields);
  const document = {
    format: 1,
    portal: section('portal')[0],
    propertyGroups: section('propertyGroup').map((fields) => fields['definition']),
    properties: section('property').map((fields) => fields['definition']),
    labels: section('label'),
    limits: section('limit'),
    records: section('record'),
    associations: section('association'),
  };
  const file = join(tempDir(t), 'portal.json');
  writeFileSync(file, JSON.stringify(document, null, 2));
  const imported = await runCli(['import', file, ...source.args, '--portal', '3']);
  assert.equal(imported.code, 0, imported.stderr);
  const copy = await runCli(['export', ...source.args, '--portal', '3']);
  assert.equal(copy.stdout, before.stdout);

  document.records[0] = { ...document.records[0], id: 'not-an-id' };
  writeFileSync(file, JSON.stringify(document));
  const refused = await runCli(['import', file, ...source.args]);
  assert.equal(refused.code, 1);
  assert.match(
    refused.stderr,
    new RegExp(`^${file}, \\$\\.records\\[0\\]: .*; nothing was imported`),
  );
  assert.equal((await runCli(['export', ...source.args])).stdout, before.stdout);
});

test('the commands: an import killed halfway changes nothing', async (t) => {
  const { source } = await populatedDatabase(t);
  const before = await runCli(['export', ...source.args]);
  const lines = before.stdout.split('\n');

  // The first lines of the portal's own export: when the import is killed, its transaction has
  // deleted the portal's rows and written its definitions, label and a limit again, uncommitted.
  const importer = spawnCli(['import', '-', ...source.args]);
  const importerDone = finished(importer);
  importer.stdin.write(`${lines.slice(0, 6).join('\n')}\n`);
  await delay(3000);
  importer.kill('SIGKILL');
  assert.equal((await importerDone).code, 'SIGKILL');
  assert.equal((await runCli(['export', ...source.args])).stdout, before.stdout);
});

test('the commands: a portal piped into another portal of the same database', async (t) => {
  const { source } = await populatedDatabase(t);

  // The import starts first and is waiting on its input when the export opens the same store.
  const importer = spawnCli(['import', '-', ...source.args, '--format', 'csv', '--portal', '2']);
  const importerDone = finished(importer);
  await delay(3000);
  const exporter = spawnCli(['export', ...source.args, '--format', 'csv']);
  exporter.stdout.pipe(importer.stdin);
  const [exported, imported] = await Promise.all([finished(exporter), importerDone]);
  assert.equal(exported.code, 0, exported.stderr);
  assert.equal(imported.code, 0, imported.stderr);
  const copy = await runCli(['export', ...source.args, '--portal', '2', '--format', 'csv']);
  assert.equal(copy.stdout, exported.stdout);
});
