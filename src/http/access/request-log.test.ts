// The request log keeps the last N requests, newest first, with secret query values redacted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LOGGED_BODY_CHARS } from '../schemas/control-replies.js';
import { RequestLog, loggedBody, redactUrl } from './request-log.js';

/** A full garbage collection, without starting node with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

test('secret query values are redacted, others kept', () => {
  assert.equal(redactUrl('/crm/v3/objects/contacts'), '/crm/v3/objects/contacts');
  assert.equal(
    redactUrl('/crm/v3/objects/contacts?hapikey=s3cret&limit=5'),
    '/crm/v3/objects/contacts?hapikey=REDACTED&limit=5',
  );
});

test('the ring keeps the last entries, newest first', () => {
  const log = new RequestLog(3);
  for (let index = 0; index < 5; index++) {
    log.add({
      time: new Date(index).toISOString(),
      method: 'GET',
      path: `/${index}`,
      status: 200,
      durationMs: 1,
      portalId: 1,
      correlationId: String(index),
    });
  }
  assert.deepEqual(
    log.recent().map((entry) => entry.path),
    ['/4', '/3', '/2'],
  );
  assert.deepEqual(
    log.recent(1).map((entry) => entry.path),
    ['/4'],
  );
  log.clear();
  assert.deepEqual(log.recent(), []);
});

test('a long body is kept cut, with its length, and the rest of it is not held', () => {
  const body = (index: number) => `{"inputs":[${`{"id":"${index}"},`.repeat(30_000)}{}]}`;
  const kept = loggedBody(body(1));
  assert.equal(
    kept,
    `${body(1).slice(0, LOGGED_BODY_CHARS)}… (${body(1).length} characters in all)`,
  );
  assert.equal(loggedBody('{"é":"🔗"}'), '{"é":"🔗"}');
  // 100 bodies of about 450,000 characters each: the log holds about 1 MB of them, not 45 MB.
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const entries = Array.from({ length: 100 }, (_, index) => loggedBody(body(index)));
  collectGarbage();
  const heldMb = (process.memoryUsage().heapUsed - before) / 1e6;
  assert.equal(entries.length, 100);
  assert.ok(heldMb < 10, `the log's bodies hold ${heldMb.toFixed(1)} MB`);
});
