// The fault registry: matching by portal, method and path, counting down, clearing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../../core/errors.js';
import { FaultRegistry } from './faults.js';

test('a fault applies to its count of matching requests of its portal, then goes', () => {
  const faults = new FaultRegistry();
  faults.add(1, { method: 'post', path: '/crm/v4/associations/*/batch/*', times: 2, status: 503 });
  assert.equal(
    faults.take(2, 'POST', '/crm/v4/associations/contacts/companies/batch/create'),
    null,
  );
  assert.equal(faults.take(1, 'GET', '/crm/v4/associations/contacts/companies/batch/create'), null);
  assert.equal(faults.take(1, 'POST', '/crm/v3/objects/contacts'), null);
  const first = faults.take(1, 'POST', '/crm/v4/associations/contacts/companies/batch/create');
  assert.ok(first);
  assert.equal(first.status, 503);
  assert.equal(first.remaining, 1);
  assert.ok(faults.take(1, 'POST', '/crm/v4/associations/deals/companies/batch/read'));
  assert.equal(
    faults.take(1, 'POST', '/crm/v4/associations/contacts/companies/batch/create'),
    null,
  );
  assert.deepEqual(faults.list(1), []);
});

test('a glob matches the whole path; dots and other characters are literal', () => {
  const faults = new FaultRegistry();
  faults.add(1, { method: '*', path: '/crm/v3/objects/contacts', times: 5, latencyMs: 10 });
  assert.equal(faults.take(1, 'GET', '/crm/v3/objects/contacts/1'), null);
  assert.ok(faults.take(1, 'DELETE', '/crm/v3/objects/contacts'));
});

test('pathRegex is a regular expression over the path; a bad one is refused', () => {
  const faults = new FaultRegistry();
  faults.add(1, {
    method: 'GET',
    pathRegex: '^/crm/v4/objects/\\w+/\\d+/associations',
    times: 1,
    status: 500,
  });
  assert.ok(faults.take(1, 'GET', '/crm/v4/objects/contacts/123/associations/companies'));
  assert.throws(
    () => faults.add(1, { method: 'GET', pathRegex: '(', times: 1, status: 500 }),
    (error: unknown) => error instanceof DomainError && error.code === 'INVALID_INPUT',
  );
  assert.throws(
    () => faults.add(1, { method: 'GET', times: 1 }),
    (error: unknown) =>
      error instanceof DomainError && error.message.includes('status, a latencyMs'),
  );
});

test('clear removes one portal’s faults, or all', () => {
  const faults = new FaultRegistry();
  faults.add(1, { method: '*', times: 1, status: 500 });
  faults.add(2, { method: '*', times: 1, status: 500 });
  faults.clear(1);
  assert.equal(faults.list(1).length, 0);
  assert.equal(faults.list(2).length, 1);
  faults.clear();
  assert.equal(faults.list(2).length, 0);
});
