// Server processes on one PostgreSQL database: they share records and ids, and say which store
// they use without ever printing a password.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { createTestSchema, postgresSkip } from '../helpers/postgres.js';
import { call, serversForTest } from '../helpers/server-process.js';

const skip = await postgresSkip();

/** A fresh schema, dropped once the test's servers have ended. */
async function sharedDatabase(t: TestContext) {
  const schema = await createTestSchema();
  return { schema, start: serversForTest(t, schema.drop) };
}

async function createContacts(url: string, count: number): Promise<string[]> {
  const inputs = Array.from({ length: count }, () => ({ properties: {} }));
  const response = await call(`${url}/crm/v3/objects/contacts/batch/create`, 'POST', { inputs });
  assert.equal(response.status, 201);
  return response.body.results.map((result: { id: string }) => result.id);
}

describe('postgres: server processes sharing one database', { skip }, () => {
  test('two processes hand out distinct ids and read each other’s writes', async (t) => {
    const { schema, start } = await sharedDatabase(t);
    const [one, two] = await Promise.all([
      start(['--db', schema.url]),
      start(['--db', schema.url]),
    ]);
    const batches = await Promise.all(
      Array.from({ length: 10 }, (_, index) => createContacts((index % 2 ? one : two).url, 20)),
    );
    assert.equal(new Set(batches.flat()).size, 200);

    const company = await call(`${one.url}/crm/v3/objects/companies`, 'POST', { properties: {} });
    const contact = batches[0]![0]!;
    const put = await call(
      `${one.url}/crm/v4/objects/contacts/${contact}/associations/default/companies/${company.body.id}`,
      'PUT',
    );
    assert.equal(put.status, 200);
    const read = await call(
      `${two.url}/crm/v4/objects/companies/${company.body.id}/associations/contacts`,
      'GET',
    );
    assert.deepEqual(
      read.body.results.map((result: { toObjectId: number }) => result.toObjectId),
      [Number(contact)],
    );
  });

  test('DATABASE_URL selects PostgreSQL, and the readiness line never shows the password', async (t) => {
    const { schema, start } = await sharedDatabase(t);
    const url = new URL(schema.url);
    // A server with trust authentication ignores a password; one that checks has its own.
    url.password ||= 'pa55-w0rd';
    const server = await start([], { DATABASE_URL: url.toString() });
    assert.ok(
      server.line.endsWith(`(store: postgres ${url.host}/${schema.database})`),
      server.line,
    );
    assert.ok(!server.line.includes(decodeURIComponent(url.password)), server.line);
  });
});
