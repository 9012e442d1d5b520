// Property-based tests of every operation the app serves: random and malformed path parameters,
// ids, bodies and headers never answer a 5xx, every failure is HubSpot's error envelope, and a
// refused request changes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Store, TargetPageQuery } from '../../src/core/ports.js';
import { STANDARD_OBJECT_TYPES } from '../../src/core/catalog/object-types.js';
import { DEFAULT_PORTAL_ID } from '../../src/http/build-app.js';
import { ErrorReplySchema } from '../../src/http/schemas/replies.js';
import { schemaProblems } from '../helpers/reply-schemas.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/** Runs per property; enough to reach every operation many times, quick on both engines. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

const HOSTILE = [
  '',
  ' ',
  '-1',
  '0',
  '1.5',
  '1e3',
  '99999999999999999999999',
  '9007199254740993',
  "1' OR '1'='1",
  '1; DROP TABLE records; --',
  '%00',
  '../../etc/passwd',
  '𝓗𝓾𝓫',
  'null',
  '[]',
  '{}',
];

/** Everything the portal holds, read through the store port: equal before and after a refusal. */
async function fingerprint(store: Store): Promise<string> {
  const types = STANDARD_OBJECT_TYPES.map((type) => type.id);
  const records = await Promise.all(
    types.map((type) => store.listRecords(DEFAULT_PORTAL_ID, type, null, 10_000, false)),
  );
  const archived = await Promise.all(
    types.map((type) => store.listRecords(DEFAULT_PORTAL_ID, type, null, 10_000, true)),
  );
  const queries: TargetPageQuery[] = records.flat().flatMap((record) =>
    types.map((to) => ({
      fromObjectTypeId: record.objectTypeId,
      fromId: record.id,
      toObjectTypeId: to,
      afterToId: null,
      limit: 10_000,
    })),
  );
  const targets = await store.pageTargetsMany(DEFAULT_PORTAL_ID, queries);
  return JSON.stringify({
    records: [...records, ...archived].flat().map((r) => [r.id, r.properties, r.updatedAt]),
    targets,
    labels: await store.listLabels(DEFAULT_PORTAL_ID),
    limits: await store.listLimits(DEFAULT_PORTAL_ID),
  });
}

interface Seeded {
  readonly app: TestApp;
  readonly ids: string[];
}

/** A portal with a few associated records, a label and a limit, so valid paths reach deep. */
async function seededApp(t: Parameters<typeof buildTestApp>[0]): Promise<Seeded> {
  const app = await buildTestApp(t);
  const contacts = await app.createRecords('contacts', 2);
  const companies = await app.createRecords('companies', 2);
  await app.request('POST', '/crm/v4/associations/contacts/companies/labels', {
    name: 'fuzz',
    label: 'Fuzz',
  });
  await app.request('POST', '/crm/v4/associations/contacts/companies/batch/associate/default', {
    inputs: [{ from: { id: contacts[0] }, to: { id: companies[0] } }],
  });
  await app.request(
    'POST',
    '/crm/associations/v4/definitions/configurations/contacts/companies/batch/create',
    { inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 2 }] },
  );
  return { app, ids: [...contacts, ...companies] };
}

function segmentArbitrary(ids: readonly string[]) {
  return fc.oneof(
    {
      arbitrary: fc.constantFrom('contacts', 'company', '0-2', 'DEALS', 'meeting_event', 'x'),
      weight: 4,
    },
    { arbitrary: fc.constantFrom(...ids), weight: 4 },
    fc.constantFrom(...HOSTILE),
    fc.string({ maxLength: 40, unit: 'binary' }),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  );
}

function idArbitrary(ids: readonly string[]) {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...ids), weight: 6 },
    fc.constantFrom(...HOSTILE),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 20 }),
    fc.constant(null),
  );
}

/** Bodies shaped like the API's, with hostile values, and anything JSON at all. */
function bodyArbitrary(ids: readonly string[]) {
  const id = idArbitrary(ids);
  const spec = fc.record({
    associationCategory: fc.oneof(
      fc.constantFrom('HUBSPOT_DEFINED', 'USER_DEFINED', 'WORK', 'hubspot_defined'),
      fc.string(),
    ),
    associationTypeId: fc.oneof(fc.constantFrom(1, 279, 280, 2, -1), fc.integer(), fc.string()),
  });
  const input = fc.record(
    {
      from: fc.record({ id }),
      to: fc.oneof(fc.record({ id }), fc.array(fc.record({ id }), { maxLength: 3 })),
      types: fc.array(spec, { maxLength: 3 }),
      type: fc.oneof(fc.constantFrom('contact_to_company', 'company_to_contact'), fc.string()),
      id,
      after: fc.string(),
      category: fc.constantFrom('HUBSPOT_DEFINED', 'USER_DEFINED', 'x'),
      typeId: fc.oneof(fc.constantFrom(279, 1), fc.integer()),
      maxToObjectIds: fc.integer({ min: -5, max: 20_000 }),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    fc.record({ inputs: fc.array(input, { maxLength: 4 }) }).map((body) => JSON.stringify(body)),
    fc.array(spec, { maxLength: 3 }).map((body) => JSON.stringify(body)),
    fc
      .record(
        {
          properties: fc.dictionary(fc.string(), fc.jsonValue()),
          name: fc.string(),
          label: fc.string(),
          associationTypeId: fc.integer(),
        },
        { requiredKeys: [] },
      )
      .map((body) => JSON.stringify(body)),
    fc.jsonValue().map((body) => JSON.stringify(body)),
    fc.string({ maxLength: 60, unit: 'binary' }),
    fc.constant(''),
  );
}

function requestArbitrary(app: TestApp, ids: readonly string[]) {
  return fc.record({
    operation: fc.constantFrom(...app.app.operations),
    segments: fc.array(segmentArbitrary(ids), { minLength: 6, maxLength: 6 }),
    query: fc.oneof(
      fc.constant(''),
      fc.constantFrom('?limit=0', '?limit=-3', '?limit=abc', '?after=zzz', '?archived=maybe'),
      fc.string({ maxLength: 20 }).map((text) => `?after=${encodeURIComponent(text)}`),
    ),
    body: bodyArbitrary(ids),
    headers: fc.dictionary(
      fc.constantFrom('authorization', 'accept', 'accept-encoding', 'x-forwarded-for', 'cookie'),
      fc.string({ maxLength: 40, unit: 'grapheme-ascii' }),
    ),
    contentType: fc.oneof(
      { arbitrary: fc.constant('application/json'), weight: 12 },
      fc.constantFrom(
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        undefined,
      ),
    ),
  });
}

/** The path of an operation with its `{param}`s replaced, one generated segment each. */
function pathOf(template: string, segments: readonly string[]): string {
  let next = 0;
  return template.replace(/\{\w+\}/g, () => encodeURIComponent(segments[next++] ?? ''));
}

test('no request to any operation answers 5xx; failures are envelopes; refusals write nothing', async (t) => {
  const { app, ids } = await seededApp(t);
  await fc.assert(
    fc.asyncProperty(requestArbitrary(app, ids), async (request) => {
      const url = pathOf(request.operation.path, request.segments) + request.query;
      const before = await fingerprint(app.store);
      const response = await app.app.inject({
        method: request.operation.method as 'GET',
        url,
        ...(request.operation.method === 'GET' ? {} : { payload: request.body }),
        headers: {
          ...request.headers,
          ...(request.contentType ? { 'content-type': request.contentType } : {}),
        },
      });
      const where = `${request.operation.method} ${url} → ${response.statusCode}`;
      assert.ok(response.statusCode < 500, `${where}: ${response.body}`);
      if (response.statusCode < 400) return;
      const body: unknown = JSON.parse(response.body);
      assert.deepEqual(schemaProblems(ErrorReplySchema, body), [], where);
      assert.equal(await fingerprint(app.store), before, `${where} changed the portal`);
    }),
    { numRuns: RUNS },
  );
});
