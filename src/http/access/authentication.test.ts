// Token lookups are cached for a second, found or not, keyed by hash; secrets compare safely.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccessToken } from '../../core/ports.js';
import { TokenCache, hashToken, sameSecret } from './authentication.js';

test('a lookup, found or not, is reused for a second, then asked again', async () => {
  let now = 0;
  let lookups = 0;
  const known: AccessToken = {
    tokenHash: hashToken('pat-known'),
    portalId: 3,
    scopes: [],
    createdAt: new Date(0),
  };
  const cache = new TokenCache(
    (token) => {
      lookups += 1;
      return Promise.resolve(token === 'pat-known' ? known : null);
    },
    () => now,
  );
  assert.equal(await cache.find('pat-known'), known);
  assert.equal(await cache.find('pat-unknown'), null);
  now = 999;
  await cache.find('pat-known');
  await cache.find('pat-unknown');
  assert.equal(lookups, 2);
  now = 1000;
  await cache.find('pat-unknown');
  assert.equal(lookups, 3);
  cache.clear();
  await cache.find('pat-known');
  assert.equal(lookups, 4);
});

test('hashes are SHA-256 hex; secrets of any length compare', () => {
  assert.equal(
    hashToken('abc'),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  );
  assert.equal(sameSecret('admin-secret', 'admin-secret'), true);
  assert.equal(sameSecret('admin', 'admin-secret'), false);
});
