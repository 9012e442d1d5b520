// The web page's server side: its files (public, this server only, nothing outside its folder)
// and the portal summary it reads (admin token in strict mode).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { buildTestApp } from '../helpers/test-app.js';

/** A stand-in for the built page: an index and one asset, beside a file that must stay private. */
function fakePage(t: TestContext): string {
  const root = mkdtempSync(join(tmpdir(), 'has-ui-files-'));
  t.after(() => {
    rmSync(root, { recursive: true, force: true });
  });
  const page = join(root, 'ui');
  mkdirSync(join(page, 'assets'), { recursive: true });
  writeFileSync(join(page, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(join(page, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.json'), '{"secret":true}');
  return page;
}

test('the page and its assets are served to anyone, from this server only', async (t) => {
  const app = await buildTestApp(t, {
    uiDirectory: fakePage(t),
    auth: 'strict',
    adminToken: 'admin-token-ui',
  });
  const get = async (url: string) => {
    const answer = await app.app.inject({ method: 'GET', url });
    return { status: answer.statusCode, headers: answer.headers, text: answer.body };
  };
  const index = await get('/_emulator/ui/');
  assert.equal(index.status, 200);
  assert.match(String(index.headers['content-type']), /^text\/html/);
  assert.match(index.text, /<title>page<\/title>/);
  assert.match(String(index.headers['content-security-policy']), /default-src 'self'/);
  assert.equal(index.headers['cache-control'], 'no-cache');

  const asset = await get('/_emulator/ui/assets/index-abc.js');
  assert.equal(asset.status, 200);
  assert.match(String(asset.headers['content-type']), /^text\/javascript/);
  assert.match(String(asset.headers['cache-control']), /immutable/);
});

test('nothing outside the page folder, and no missing file, is served', async (t) => {
  const app = await buildTestApp(t, { uiDirectory: fakePage(t) });
  for (const path of [
    '../secret.json',
    '..%2Fsecret.json',
    'assets/../../secret.json',
    'nope.js',
  ]) {
    const answer = await app.request('GET', `/_emulator/ui/${path}`);
    assert.equal(answer.status, 404, path);
    assert.equal(answer.body.category, 'OBJECT_NOT_FOUND', path);
    assert.doesNotMatch(answer.text, /"secret":true/, path);
  }
});

test('an unbuilt page answers 404 saying how to build it', async (t) => {
  const app = await buildTestApp(t, { uiDirectory: null });
  const answer = await app.request('GET', '/_emulator/ui/');
  assert.equal(answer.status, 404);
  assert.match(answer.body.message, /npm run build/);
});

test('the summary counts live records per type and lists labels and limits', async (t) => {
  const app = await buildTestApp(t, { auth: 'strict', adminToken: 'admin-token-ui' });
  const created = await app.request(
    'POST',
    '/_emulator/portals/1/tokens',
    {},
    { token: 'admin-token-ui' },
  );
  const token = created.body.token as string;
  const contacts = await app.createRecords('contacts', 3, { token });
  const [company] = await app.createRecords('companies', 1, { token });
  await app.request('DELETE', `/crm/v3/objects/contacts/${contacts[2]}`, undefined, { token });
  await app.request(
    'PUT',
    `/crm/v4/objects/contacts/${contacts[0]}/associations/default/companies/${company}`,
    undefined,
    { token },
  );
  await app.request(
    'POST',
    '/crm/v4/associations/contacts/companies/labels',
    { name: 'manager', label: 'Manager' },
    { token },
  );

  assert.equal((await app.request('GET', '/_emulator/portals/1/summary')).status, 401);
  const summary = await app.request('GET', '/_emulator/portals/1/summary', undefined, {
    token: 'admin-token-ui',
  });
  assert.equal(summary.status, 200, summary.text);
  const byName = Object.fromEntries(
    summary.body.objectTypes.map((type: any) => [type.name, [type.records, type.archived]]),
  );
  assert.deepEqual(byName, { contacts: [2, 1], companies: [1, 0] });
  assert.ok(summary.body.associationRows >= 2, 'both directions of the association');
  assert.deepEqual(
    summary.body.labels.map((label: any) => label.label),
    ['Manager'],
  );
  assert.deepEqual(summary.body.limits, []);

  const missing = await app.request('GET', '/_emulator/portals/999/summary', undefined, {
    token: 'admin-token-ui',
  });
  assert.equal(missing.status, 404);
});

test("a record's associations are paged with the types stored both ways, labels included", async (t) => {
  const app = await buildTestApp(t);
  const [company] = await app.createRecords('companies', 1);
  const contacts = await app.createRecords('contacts', 3);
  const label = await app.request('POST', '/crm/v4/associations/companies/contacts/labels', {
    name: 'employer',
    label: 'Employer',
    inverseLabel: 'Employee',
  });
  assert.equal(label.status, 200, label.text);
  const employer = label.body.results.find((type: any) => type.label === 'Employer');
  for (const contact of contacts) {
    await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/default/companies/${company}`,
    );
  }
  const labelled = await app.request(
    'PUT',
    `/crm/v4/objects/companies/${company}/associations/contacts/${contacts[1]}`,
    [{ associationCategory: 'USER_DEFINED', associationTypeId: employer.typeId }],
  );
  assert.equal(labelled.status, 201, labelled.text);

  const path = `/_emulator/portals/1/associations/companies/${company}/contacts`;
  const first = await app.request('GET', `${path}?limit=2`);
  assert.equal(first.status, 200, first.text);
  const labelsOf = (types: any[]) => types.map((type) => type.label ?? type.typeId);
  assert.deepEqual(
    first.body.results.map((row: any) => [
      String(row.toObjectId),
      labelsOf(row.associationTypes),
      labelsOf(row.inverseAssociationTypes),
    ]),
    [
      [contacts[0], [280], [279]],
      [contacts[1], [280, 'Employer'], [279, 'Employee']],
    ],
  );
  const second = await app.request('GET', `${path}?after=${first.body.paging.next.after}`);
  assert.deepEqual(
    second.body.results.map((row: any) => String(row.toObjectId)),
    [contacts[2]],
  );
  assert.equal(second.body.paging, undefined);

  const unknown = await app.request('GET', '/_emulator/portals/1/associations/widgets/1/contacts');
  assert.equal(unknown.status, 400, unknown.text);
});
