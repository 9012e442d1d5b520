// Fault injection through the control API: the next N matching requests of a portal fail with
// the chosen status in HubSpot's shape, or wait; other requests and portals are untouched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../helpers/test-app.js';

const CREATE = '/crm/v3/objects/contacts';

test('the next N matching requests fail with the status, then requests pass again', async (t) => {
  const app = await buildTestApp(t);
  const fault = await app.request('POST', '/_emulator/portals/1/faults', {
    method: 'POST',
    path: '/crm/v3/objects/*',
    times: 2,
    status: 503,
  });
  assert.equal(fault.status, 201, fault.text);
  assert.equal(fault.body.remaining, 2);
  // Another method does not match.
  assert.equal((await app.request('GET', CREATE)).status, 200);
  const failed = await app.request('POST', CREATE, { properties: { name: 'first' } });
  assert.equal(failed.status, 503);
  assert.deepEqual(failed.body, {
    status: 'error',
    message: 'Service unavailable',
    correlationId: failed.headers['x-hubspot-correlation-id'],
    category: 'INTERNAL_ERROR',
  });
  const listed = await app.request('GET', '/_emulator/portals/1/faults');
  assert.deepEqual(
    listed.body.results.map((f: any) => [f.method, f.path, f.remaining, f.status]),
    [['POST', '/crm/v3/objects/*', 1, 503]],
  );
  assert.equal((await app.request('POST', CREATE, { properties: { name: 'second' } })).status, 503);
  assert.equal((await app.request('POST', CREATE, { properties: { name: 'third' } })).status, 201);
  const names = (await app.request('GET', `${CREATE}?properties=name`)).body.results.map(
    (record: any) => record.properties.name,
  );
  assert.deepEqual(names, ['third'], 'failed requests wrote nothing');
  assert.deepEqual((await app.request('GET', '/_emulator/portals/1/faults')).body.results, []);
});

test('429 faults answer the ten-secondly body; 500 and 502 answer HubSpot envelopes', async (t) => {
  const app = await buildTestApp(t);
  for (const status of [429, 500, 502]) {
    await app.request('POST', '/_emulator/portals/1/faults', {
      pathRegex: '^/crm/v3/objects/contacts$',
      status,
    });
    const response = await app.request('GET', CREATE);
    assert.equal(response.status, status);
    const expected = {
      429: {
        errorType: 'RATE_LIMIT',
        policyName: 'TEN_SECONDLY_ROLLING',
        message: 'You have reached your ten_secondly_rolling limit.',
      },
      500: { category: 'INTERNAL_ERROR', message: 'internal error' },
      502: { category: 'INTERNAL_ERROR', message: 'Bad gateway' },
    }[status];
    for (const [key, value] of Object.entries(expected!)) assert.equal(response.body[key], value);
  }
});

test('latency delays a request, which is then served', async (t) => {
  const app = await buildTestApp(t);
  await app.request('POST', '/_emulator/portals/1/faults', { method: 'GET', latencyMs: 150 });
  const started = performance.now();
  const response = await app.request('GET', CREATE);
  assert.equal(response.status, 200);
  assert.ok(performance.now() - started >= 140, 'the request was delayed');
});

test('faults apply to their portal only, and clearing removes them', async (t) => {
  const app = await buildTestApp(t);
  await app.core.portals.create({ portalId: 2 });
  const { token } = await app.core.tokens.create(2, { scopes: [] });
  await app.request('POST', '/_emulator/portals/2/faults', { times: 5, status: 500 });
  assert.equal((await app.request('GET', CREATE)).status, 200);
  assert.equal((await app.request('GET', CREATE, undefined, { token })).status, 500);
  assert.equal((await app.request('DELETE', '/_emulator/portals/2/faults')).status, 204);
  assert.equal((await app.request('GET', CREATE, undefined, { token })).status, 200);
});

test('a fault without an effect, with a bad pattern, or for an unknown portal is refused', async (t) => {
  const app = await buildTestApp(t);
  const cases = [
    [1, { method: 'GET' }, 400],
    [1, { pathRegex: '(', status: 500 }, 400],
    [1, { path: '/a', pathRegex: '/a', status: 500 }, 400],
    [1, { status: 418 }, 400],
    [99, { status: 500 }, 404],
  ] as const;
  for (const [portalId, body, status] of cases) {
    const response = await app.request('POST', `/_emulator/portals/${portalId}/faults`, body);
    assert.equal(response.status, status, response.text);
    assert.equal(response.body.status, 'error');
  }
  assert.deepEqual((await app.request('GET', '/_emulator/portals/1/faults')).body.results, []);
});

test('a fault status the server cannot inject is refused with the statuses it can', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.request('POST', '/_emulator/portals/1/faults', { status: 418 });
  assert.equal(response.status, 400, response.text);
  assert.equal(
    response.body.message,
    'Invalid input JSON: the body status must be one of 429, 500, 502, 503',
  );
});
