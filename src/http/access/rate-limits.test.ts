// The rate limiter: windows, headers, and which policy a request breaks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RateWindowHit, RequestCounter } from '../../core/ports.js';
import { RateLimiter, rateLimitBody } from './rate-limits.js';

/** Counts in memory, per portal, window name and start: what the store's counters do. */
function memoryCounter(): RequestCounter & { calls: RateWindowHit[][] } {
  const counts = new Map<string, number>();
  const calls: RateWindowHit[][] = [];
  return {
    calls,
    hit(portalId, windows) {
      calls.push([...windows]);
      return Promise.resolve(
        windows.map((window) => {
          const key = `${portalId}/${window.name}/${window.windowStart}`;
          const count = (counts.get(key) ?? 0) + 1;
          counts.set(key, count);
          return count;
        }),
      );
    },
  };
}

test('headers count down; past the ten-secondly limit the policy is TEN_SECONDLY_ROLLING', async () => {
  let now = Date.UTC(2026, 0, 1, 12, 0, 3);
  const limiter = new RateLimiter(memoryCounter(), { tenSecondly: 2, daily: 100 }, () => now);
  const first = await limiter.hit(1);
  assert.deepEqual(first, {
    exceeded: null,
    headers: {
      'x-hubspot-ratelimit-daily': '100',
      'x-hubspot-ratelimit-daily-remaining': '99',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
      'x-hubspot-ratelimit-max': '2',
      'x-hubspot-ratelimit-remaining': '1',
      'x-hubspot-ratelimit-secondly': '1',
      'x-hubspot-ratelimit-secondly-remaining': '0',
    },
  });
  assert.equal((await limiter.hit(1)).exceeded, null);
  const third = await limiter.hit(1);
  assert.equal(third.exceeded, 'TEN_SECONDLY_ROLLING');
  assert.equal(third.headers['x-hubspot-ratelimit-remaining'], '0');
  // Another portal counts on its own.
  assert.equal((await limiter.hit(2)).exceeded, null);
  // The next ten-second window starts afresh.
  now += 10_000;
  assert.equal((await limiter.hit(1)).exceeded, null);
});

test('past the daily limit the policy is DAILY, until midnight UTC', async () => {
  let now = Date.UTC(2026, 0, 1, 23, 59, 0);
  const limiter = new RateLimiter(memoryCounter(), { tenSecondly: 100, daily: 1 }, () => now);
  assert.equal((await limiter.hit(1)).exceeded, null);
  const second = await limiter.hit(1);
  assert.equal(second.exceeded, 'DAILY');
  assert.equal(second.headers['x-hubspot-ratelimit-daily-remaining'], '0');
  now = Date.UTC(2026, 0, 2, 0, 0, 1);
  assert.equal((await limiter.hit(1)).exceeded, null);
});

test('429 bodies are the ones HubSpot sends and the SDKs key their retries on', () => {
  assert.deepEqual(rateLimitBody('TEN_SECONDLY_ROLLING', 7, 'c-1'), {
    status: 'error',
    message: 'You have reached your ten_secondly_rolling limit.',
    errorType: 'RATE_LIMIT',
    correlationId: 'c-1',
    policyName: 'TEN_SECONDLY_ROLLING',
    groupName: 'publicapi:private_app-api-calls-ten-secondly:7:7',
  });
  assert.deepEqual(rateLimitBody('DAILY', 7, 'c-2'), {
    status: 'error',
    message: 'You have reached your daily limit.',
    errorType: 'RATE_LIMIT',
    correlationId: 'c-2',
    policyName: 'DAILY',
    requestId: 'c-2',
  });
});
