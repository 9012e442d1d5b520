// Config files: a schema with clear errors, rate-limit choices, seed paths relative to the file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig, rateLimitsOf, readConfigFile } from './config.js';

test('a full config is accepted as given', () => {
  const config = {
    auth: 'strict',
    adminToken: 'admin-secret',
    rateLimits: { tenSecondly: 10, daily: 1000 },
    portals: [
      { portalId: 7, name: 'Acme', tokens: [{ token: 'pat-acme-1', scopes: ['tickets'] }] },
    ],
  };
  assert.deepEqual(parseConfig(config), config);
});

test('every problem is reported with the path of the bad item', () => {
  assert.throws(
    () =>
      parseConfig({
        auth: 'loose',
        rateLimits: 'platinum',
        portals: [{ portalId: 0, tokens: [{ token: 'short' }] }],
        extra: true,
      }),
    (error: Error) =>
      ['/auth', '/rateLimits', '/portals/0/portalId', '/portals/0/tokens/0/token'].every((path) =>
        error.message.includes(path),
      ),
  );
  assert.throws(
    () => parseConfig({ portals: [{ portalId: 2 }, { portalId: 2 }] }),
    /portal 2 is listed twice/,
  );
});

test('webhook delivery settings are accepted within their bounds and refused outside them', () => {
  const webhooks = {
    deliver: false,
    pollIntervalMs: 50,
    retryTimeScale: 0.001,
    timeoutMs: 1000,
    retentionDays: 0.5,
  };
  assert.deepEqual(parseConfig({ webhooks }), { webhooks });
  assert.throws(
    () =>
      parseConfig({
        webhooks: {
          deliver: 'yes',
          pollIntervalMs: 1,
          retryTimeScale: 0,
          timeoutMs: 0,
          retentionDays: 0,
          every: 1,
        },
      }),
    (error: Error) =>
      [
        '/webhooks/deliver',
        '/webhooks/pollIntervalMs',
        '/webhooks/retryTimeScale',
        '/webhooks/timeoutMs',
        '/webhooks/retentionDays',
        '/webhooks/every',
      ].every((path) => error.message.includes(path)),
  );
});

test('rate limits: off or absent count nothing; profiles and custom numbers', () => {
  assert.equal(rateLimitsOf(undefined), null);
  assert.equal(rateLimitsOf('off'), null);
  assert.deepEqual(rateLimitsOf('professional'), {
    tenSecondly: 190,
    daily: 625_000,
    searchSecondly: 5,
  });
  assert.deepEqual(rateLimitsOf({ tenSecondly: 1, daily: 2 }), { tenSecondly: 1, daily: 2 });
});

test('a config file is read, checked, and its seed paths resolved against its folder', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'has-config-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const file = join(dir, 'server.json');
  writeFileSync(file, JSON.stringify({ portals: [{ portalId: 3, seed: 'seeds/three.json' }] }));
  assert.equal(readConfigFile(file).portals?.[0]?.seed, join(dir, 'seeds', 'three.json'));
  writeFileSync(file, '{ not json');
  assert.throws(() => readConfigFile(file), /server\.json is not valid JSON/);
  assert.throws(() => readConfigFile(join(dir, 'missing.json')), /cannot read/);
});
