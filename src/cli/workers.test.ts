// The wait before a dead worker is replaced: none after a long life, doubling while they die young.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RESTART_BACKOFF, restartDelay } from './workers.js';

test('a worker that ran a while is replaced at once', () => {
  assert.equal(restartDelay(RESTART_BACKOFF.stableMs, 0), 0);
  assert.equal(restartDelay(RESTART_BACKOFF.stableMs, 1600), 0);
});

test('workers that die young are replaced ever more slowly, up to the cap', () => {
  const waits: number[] = [];
  let previous = 0;
  for (let death = 0; death < 12; death++) {
    previous = restartDelay(10, previous);
    waits.push(previous);
  }
  assert.deepEqual(waits.slice(0, 4), [100, 200, 400, 800]);
  assert.equal(waits.at(-1), RESTART_BACKOFF.maxMs);
  assert.ok(waits.every((wait) => wait <= RESTART_BACKOFF.maxMs));
});
