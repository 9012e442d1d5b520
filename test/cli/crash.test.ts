// Crash safety on the engine under test: the server is killed with SIGKILL in the middle of
// sustained batch writes; after a restart every acknowledged write is there, both directions
// agree, and no batch is half applied.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, serversForTest, type ServerProcess } from '../helpers/server-process.js';
import { createServerDatabase } from '../helpers/test-store.js';

const CONTACTS = 48;
const COMPANIES = 100;
const WRITERS = 3;

async function createIds(url: string, objectType: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 100) {
    const inputs = Array.from({ length: Math.min(100, count - start) }, () => ({ properties: {} }));
    const response = await call(`${url}/crm/v3/objects/${objectType}/batch/create`, 'POST', {
      inputs,
    });
    ids.push(...response.body.results.map((result: { id: string }) => result.id));
  }
  return ids;
}

/** One batch per contact: the contact with every company, Primary on the first. */
function batchOf(contact: string, companies: readonly string[]) {
  return {
    inputs: companies.map((company, index) => ({
      from: { id: contact },
      to: { id: company },
      types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: index === 0 ? 1 : 279 }],
    })),
  };
}

/** Writers take contacts off a shared queue until it is empty or the server is gone. */
async function writeUntilKilled(
  url: string,
  queue: string[],
  companies: string[],
  acked: Set<string>,
) {
  for (let contact = queue.shift(); contact; contact = queue.shift()) {
    try {
      const response = await call(
        `${url}/crm/v4/associations/contacts/companies/batch/create`,
        'POST',
        batchOf(contact, companies),
      );
      if (response.status === 201) acked.add(contact);
    } catch {
      return;
    }
  }
}

/** Every (from, to) edge a batch read sees, as `from>to` strings. */
async function edges(server: ServerProcess, from: string, to: string, ids: readonly string[]) {
  const read = await call(`${server.url}/crm/v4/associations/${from}/${to}/batch/read`, 'POST', {
    inputs: ids.map((id) => ({ id })),
  });
  return new Set<string>(
    read.body.results.flatMap((result: any) =>
      result.to.map((target: any) => `${result.from.id}>${String(target.toObjectId)}`),
    ),
  );
}

test('SIGKILL during sustained batch writes loses no acknowledged write and splits no batch', async (t) => {
  const database = await createServerDatabase();
  const start = serversForTest(t, database.dispose);
  const first = await start(database.args);
  const contacts = await createIds(first.url, 'contacts', CONTACTS);
  const companies = await createIds(first.url, 'companies', COMPANIES);

  const acked = new Set<string>();
  const queue = [...contacts];
  const writers = Array.from({ length: WRITERS }, () =>
    writeUntilKilled(first.url, queue, companies, acked),
  );
  while (acked.size < 8 && queue.length > 0) await new Promise((done) => setTimeout(done, 5));
  first.child.kill('SIGKILL');
  await Promise.all([first.exited, ...writers]);
  assert.ok(queue.length > 0, 'the kill came after every batch had been sent; use more contacts');

  const second = await start(database.args);
  const forward = await edges(second, 'contacts', 'companies', contacts);
  const backward = await edges(second, 'companies', 'contacts', companies);
  const mirrored = new Set([...backward].map((edge) => edge.split('>').reverse().join('>')));
  assert.deepEqual([...forward].sort(), [...mirrored].sort(), 'both directions agree');
  for (const contact of contacts) {
    const count = companies.filter((company) => forward.has(`${contact}>${company}`)).length;
    if (acked.has(contact)) assert.equal(count, COMPANIES, `acknowledged batch of ${contact}`);
    else assert.ok(count === 0 || count === COMPANIES, `batch of ${contact} has ${count} rows`);
  }
});
