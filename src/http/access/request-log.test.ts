// The request log keeps the last N requests, newest first, with secret query values redacted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RequestLog, redactUrl } from './request-log.js';

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
