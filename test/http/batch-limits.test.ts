// Every batch operation refuses one input more than the limit it declares, and takes the limit;
// core enforces the limits, so library callers meet them too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../../src/core/errors.js';
import { resolveObjectType } from '../../src/core/object-types.js';
import type { OperationInfo } from '../../src/http/operations.js';
import { bodyFor, urlFor, type Ids } from '../helpers/operation-requests.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/** The operation's example body with its one input repeated `count` times. */
function bodyWith(operation: OperationInfo, ids: Ids, count: number): unknown {
  const example = bodyFor(operation, ids) as { inputs?: unknown[] } | unknown[];
  const inputs = Array.isArray(example) ? example : example.inputs;
  assert.ok(inputs?.[0], `${operation.method} ${operation.path} has no example input`);
  const repeated = Array.from({ length: count }, () => inputs[0]);
  return Array.isArray(example) ? repeated : { ...example, inputs: repeated };
}

async function populate(app: TestApp): Promise<Ids> {
  const [contact] = await app.createRecords('contacts', 1);
  const [company] = await app.createRecords('companies', 1);
  const labels = await app.request('POST', '/crm/associations/v4/contacts/companies/labels', {
    name: 'limit_label',
    label: 'Limit label',
  });
  assert.equal(labels.status, 200, labels.text);
  // The webhooks journal's batch read acts for an app: in open mode, the only one there is.
  const journalApp = await app.request('PUT', '/_emulator/apps/1', { clientSecret: 'secret' });
  assert.equal(journalApp.status, 200, journalApp.text);
  return { contact: contact!, company: company!, labelTypeId: labels.body.results[0].typeId };
}

test('each batch operation answers BATCH_TOO_LARGE past its declared limit and takes the limit', async (t) => {
  const app = await buildTestApp(t);
  const ids = await populate(app);
  const batches = app.app.operations.filter((operation) => operation.batchLimit !== undefined);
  assert.ok(batches.length >= 10, 'the batch operations declare their limits');
  for (const operation of batches) {
    const limit = operation.batchLimit ?? 0;
    const name = `${operation.method} ${operation.path}`;
    const url = urlFor(operation, ids).split('?')[0] ?? '';
    const over = await app.request(operation.method, url, bodyWith(operation, ids, limit + 1));
    assert.equal(over.status, 400, `${name}: ${over.text.slice(0, 300)}`);
    assert.equal(
      over.body.message,
      `Batch input is too large: ${limit + 1} inputs were sent and at most ${limit} are allowed`,
      name,
    );
    const at = await app.request(operation.method, url, bodyWith(operation, ids, limit));
    assert.ok(at.status < 500, `${name} at its limit answered ${at.status}`);
    assert.doesNotMatch(at.text, /Batch input is too large/, `${name} refused its limit`);
  }
});

test('core refuses an oversized batch before writing, whoever calls it', async (t) => {
  const app = await buildTestApp(t);
  const ids = await populate(app);
  const path = { from: resolveObjectType('contacts'), to: resolveObjectType('companies') };
  const unlabeled = { category: 'HUBSPOT_DEFINED', typeId: 279 } as const;
  const input = { fromId: ids.contact, toId: ids.company, types: [unlabeled] };
  await assert.rejects(
    app.core.associations.createLabelled(
      1,
      path,
      Array.from({ length: 2001 }, () => input),
    ),
    (error) => error instanceof DomainError && error.code === 'BATCH_TOO_LARGE',
  );
  const list = await app.request(
    'GET',
    `/crm/v4/objects/contacts/${ids.contact}/associations/companies`,
  );
  assert.deepEqual(list.body.results, []);
});
