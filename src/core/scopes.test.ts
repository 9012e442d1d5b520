// Scopes: names per object type, and which an operation lacks given a token's scopes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveObjectType } from './object-types.js';
import { ALL_SCOPES, missingScopes, requiredScopes, scopesOf } from './scopes.js';

const contacts = resolveObjectType('contacts');
const companies = resolveObjectType('companies');
const tickets = resolveObjectType('tickets');

test('object types use HubSpot scope names, tickets their legacy one', () => {
  assert.deepEqual(scopesOf(contacts), {
    read: 'crm.objects.contacts.read',
    write: 'crm.objects.contacts.write',
  });
  assert.deepEqual(scopesOf(tickets), { read: 'tickets', write: 'tickets' });
  assert.equal(scopesOf(resolveObjectType('goals')).read, 'crm.objects.goals.read');
  assert.equal(scopesOf(resolveObjectType('payments')).write, 'crm.objects.commercepayments.write');
});

test('ALL_SCOPES holds every read and write scope once, sorted', () => {
  assert.ok(ALL_SCOPES.includes('crm.objects.deals.write'));
  assert.ok(ALL_SCOPES.includes('tickets'));
  assert.equal(new Set(ALL_SCOPES).size, ALL_SCOPES.length);
  assert.deepEqual([...ALL_SCOPES].sort(), ALL_SCOPES);
});

test('a read needs a read or write scope of each type; a write needs the write scope', () => {
  const read = requiredScopes('read', [contacts, companies]);
  assert.deepEqual(
    missingScopes(read, new Set(['crm.objects.contacts.read', 'crm.objects.companies.write'])),
    [],
  );
  assert.deepEqual(
    missingScopes(read, new Set(['crm.objects.contacts.read'])).map((r) => r.scope),
    ['crm.objects.companies.read'],
  );
  const write = requiredScopes('write', [contacts, companies]);
  assert.deepEqual(
    missingScopes(write, new Set(['crm.objects.contacts.read', 'crm.objects.companies.write'])).map(
      (r) => r.scope,
    ),
    ['crm.objects.contacts.write'],
  );
});

test('a type named twice is required once', () => {
  assert.equal(requiredScopes('write', [contacts, contacts]).length, 1);
  assert.deepEqual(requiredScopes('read', []), []);
});
