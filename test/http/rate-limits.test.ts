// Rate limits per portal: HubSpot's headers on every response, 429s for the ten-secondly and the
// daily policy with the bodies the SDKs key their retries on, windows that roll over.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Clock } from '../../src/core/ports.js';
import { buildTestApp } from '../helpers/test-app.js';

/** A clock tests move by hand. */
function manualClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

const LIST = '/crm/v3/objects/contacts';

test('every response carries the limits; past ten-secondly it answers 429 until the window rolls', async (t) => {
  const clock = manualClock(Date.UTC(2026, 5, 1, 9, 0, 0));
  const app = await buildTestApp(t, { clock, rateLimits: { tenSecondly: 2, daily: 1000 } });
  const first = await app.request('GET', LIST);
  assert.equal(first.status, 200);
  assert.equal(first.headers['x-hubspot-ratelimit-max'], '2');
  assert.equal(first.headers['x-hubspot-ratelimit-remaining'], '1');
  assert.equal(first.headers['x-hubspot-ratelimit-interval-milliseconds'], '10000');
  assert.equal(first.headers['x-hubspot-ratelimit-daily'], '1000');
  assert.equal(first.headers['x-hubspot-ratelimit-daily-remaining'], '999');
  assert.equal(first.headers['x-hubspot-ratelimit-secondly'], '1');
  assert.equal(first.headers['x-hubspot-ratelimit-secondly-remaining'], '0');
  // An error answer is counted and carries the headers too.
  const bad = await app.request('POST', LIST, { properties: 'not an object' });
  assert.equal(bad.status, 400);
  assert.equal(bad.headers['x-hubspot-ratelimit-remaining'], '0');

  const limited = await app.request('POST', LIST, { properties: { name: 'too many' } });
  assert.equal(limited.status, 429);
  assert.deepEqual(limited.body, {
    status: 'error',
    message: 'You have reached your ten_secondly_rolling limit.',
    errorType: 'RATE_LIMIT',
    correlationId: limited.headers['x-hubspot-correlation-id'],
    policyName: 'TEN_SECONDLY_ROLLING',
    groupName: 'publicapi:private_app-api-calls-ten-secondly:1:1',
  });
  assert.equal(limited.headers['x-hubspot-ratelimit-remaining'], '0');

  clock.advance(10_000);
  const next = await app.request('GET', LIST);
  assert.equal(next.status, 200);
  assert.deepEqual(next.body.results, [], 'the rate-limited create wrote nothing');
  assert.equal(next.headers['x-hubspot-ratelimit-remaining'], '1');
});

test('past the daily limit it answers 429 DAILY until midnight UTC', async (t) => {
  const clock = manualClock(Date.UTC(2026, 5, 1, 23, 59, 0));
  const app = await buildTestApp(t, { clock, rateLimits: { tenSecondly: 100, daily: 2 } });
  assert.equal((await app.request('GET', LIST)).status, 200);
  assert.equal((await app.request('GET', LIST)).status, 200);
  const limited = await app.request('GET', LIST);
  assert.equal(limited.status, 429);
  assert.deepEqual(limited.body, {
    status: 'error',
    message: 'You have reached your daily limit.',
    errorType: 'RATE_LIMIT',
    correlationId: limited.headers['x-hubspot-correlation-id'],
    policyName: 'DAILY',
    requestId: limited.headers['x-hubspot-correlation-id'],
  });
  assert.equal(limited.headers['x-hubspot-ratelimit-daily-remaining'], '0');
  clock.advance(60_000);
  assert.equal((await app.request('GET', LIST)).status, 200);
});

test('each portal has its own allowance; the control API is not counted', async (t) => {
  const clock = manualClock(Date.UTC(2026, 5, 1, 9, 0, 0));
  const app = await buildTestApp(t, { clock, rateLimits: { tenSecondly: 1, daily: 1000 } });
  await app.core.portals.create({ portalId: 2 });
  const { token } = await app.core.tokens.create(2, { scopes: [] });
  assert.equal((await app.request('GET', LIST)).status, 200);
  const health = await app.request('GET', '/_emulator/health');
  assert.equal(health.status, 200);
  assert.equal(health.headers['x-hubspot-ratelimit-max'], undefined);
  assert.equal((await app.request('GET', LIST, undefined, { token })).status, 200);
  assert.equal((await app.request('GET', LIST)).status, 429);
  assert.equal((await app.request('GET', LIST, undefined, { token })).status, 429);
});

test('with rate limits off, nothing is counted and no header is sent', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.request('GET', LIST);
  assert.equal(response.status, 200);
  assert.equal(response.headers['x-hubspot-ratelimit-max'], undefined);
});

test('searches count against their own per-second limit: no headers, 429 SECONDLY, other calls unaffected', async (t) => {
  const clock = manualClock(Date.UTC(2026, 5, 1, 9, 0, 0));
  const app = await buildTestApp(t, {
    clock,
    rateLimits: { tenSecondly: 3, daily: 1000, searchSecondly: 2 },
  });
  const SEARCH = '/crm/v3/objects/contacts/search';
  const first = await app.request('POST', SEARCH, {});
  assert.equal(first.status, 200);
  assert.equal(first.headers['x-hubspot-ratelimit-max'], undefined);
  assert.equal((await app.request('POST', SEARCH, {})).status, 200);
  const limited = await app.request('POST', SEARCH, {});
  assert.equal(limited.status, 429);
  // The official SDK retries a 429 carrying exactly this message after a second.
  assert.deepEqual(limited.body, {
    status: 'error',
    message: 'You have reached your secondly limit.',
    errorType: 'RATE_LIMIT',
    correlationId: limited.headers['x-hubspot-correlation-id'],
    policyName: 'SECONDLY',
  });
  // Searches are exempt from the ten-secondly limit, and other calls from search's.
  for (let call = 0; call < 3; call += 1)
    assert.equal((await app.request('GET', LIST)).status, 200);
  clock.advance(1_000);
  assert.equal((await app.request('POST', SEARCH, {})).status, 200);
  assert.equal((await app.request('GET', LIST)).status, 429);
});
