// Portals and tokens through the core: creation, lookups, errors, and whole-portal documents.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { createCore } from '../../src/core/create-core.js';
import { DomainError, type ErrorCode } from '../../src/core/errors.js';
import { resolveObjectType } from '../../src/core/object-types.js';
import type { PortalStateItem } from '../../src/core/portal-state.js';
import { createTestStore, type TestEngine } from '../helpers/test-store.js';
import { engines } from './records-fixture.js';

const NOW = new Date('2026-03-04T05:06:07.890Z');

async function coreOn(engine: TestEngine, t: TestContext) {
  const { store, dispose } = await createTestStore(engine);
  t.after(dispose);
  return createCore({ store, clock: { now: () => NOW } });
}

function failsWith(code: ErrorCode, message?: RegExp) {
  return (error: unknown) =>
    error instanceof DomainError &&
    error.code === code &&
    (!message || message.test(error.message));
}

// Every engine, each on its own; PostgreSQL is skipped with the reason when it cannot be reached.
for (const { engine, skip } of await engines()) {
  describe(`portals and tokens (${engine})`, { skip }, () => {
    const core = (t: TestContext) => coreOn(engine, t);

    test('portals are created with the next id or their own, once, and found by id', async (t) => {
      const { portals } = await core(t);
      assert.deepEqual(await portals.ensure(1, 'Default'), {
        portalId: 1,
        name: 'Default',
        createdAt: NOW,
      });
      assert.deepEqual(await portals.ensure(1, 'Other'), {
        portalId: 1,
        name: 'Default',
        createdAt: NOW,
      });
      assert.deepEqual(await portals.create({}), { portalId: 2, name: 'portal 2', createdAt: NOW });
      assert.equal((await portals.create({ portalId: 40, name: 'Forty' })).name, 'Forty');
      await assert.rejects(portals.create({ portalId: 40 }), failsWith('PORTAL_EXISTS'));
      await assert.rejects(portals.get(3), failsWith('PORTAL_NOT_FOUND'));
      await assert.rejects(portals.delete(3), failsWith('PORTAL_NOT_FOUND'));
      await assert.rejects(portals.reset(3), failsWith('PORTAL_NOT_FOUND'));
      await assert.rejects(portals.create({ portalId: -1 }), failsWith('INVALID_INPUT'));
      assert.deepEqual(
        (await portals.list()).map((portal) => portal.portalId),
        [1, 2, 40],
      );
    });

    test('tokens are stored hashed, authenticate their portal, and go with it', async (t) => {
      const { portals, tokens } = await core(t);
      await portals.ensure(1, 'Default');
      await assert.rejects(tokens.create(9, { scopes: [] }), failsWith('PORTAL_NOT_FOUND'));
      const mine = await tokens.create(1, {
        token: 'secret',
        scopes: ['crm.objects.contacts.read'],
      });
      assert.deepEqual(mine, {
        token: 'secret',
        portalId: 1,
        scopes: ['crm.objects.contacts.read'],
      });
      const random = await tokens.create(1, { scopes: [] });
      assert.match(random.token, /^pat-local-[0-9a-f-]{36}$/);
      const found = await tokens.authenticate('secret');
      assert.equal(found?.portalId, 1);
      assert.equal(
        found.tokenHash,
        '2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b',
      );
      assert.equal(await tokens.authenticate('nope'), null);
      assert.equal((await tokens.list(1)).length, 2);
      await tokens.delete('secret');
      await assert.rejects(tokens.delete('secret'), failsWith('TOKEN_NOT_FOUND'));
      await portals.delete(1);
      assert.equal(await tokens.authenticate(random.token), null);
    });

    test('a document exported from one portal imports into another, which exports it the same', async (t) => {
      const core_ = await core(t);
      await core_.portals.ensure(1, 'Source');
      const contacts = resolveObjectType('contacts');
      await core_.records.create(1, contacts, [
        { properties: { email: 'a@b.c' }, associations: [] },
        { properties: {}, associations: [] },
      ]);
      const document = await core_.portals.exportDocument(1);
      assert.equal(document.records.length, 2);
      const summary = await core_.portals.importDocument(5, JSON.parse(JSON.stringify(document)));
      assert.deepEqual(summary, {
        records: 2,
        associations: 0,
        labels: 0,
        limits: 0,
        properties: 0,
      });
      assert.deepEqual(await core_.portals.exportDocument(5), document);
    });

    test('a bad document item is named by its JSON path and changes nothing', async (t) => {
      const { portals } = await core(t);
      await portals.ensure(1, 'Default');
      const before = await portals.exportDocument(1);
      const body = {
        format: 1,
        records: [
          {
            objectTypeId: '0-1',
            id: '11',
            properties: {},
            createdAt: NOW.toISOString(),
            updatedAt: NOW.toISOString(),
            archivedAt: null,
          },
        ],
        associations: [
          {
            fromObjectTypeId: '0-1',
            fromId: 'x',
            toObjectTypeId: '0-1',
            toId: '11',
            category: 'HUBSPOT_DEFINED',
            typeId: 449,
          },
        ],
      };
      await assert.rejects(
        portals.importDocument(1, body),
        failsWith(
          'INVALID_INPUT',
          /^\$\.associations\[0\]: association fromId "x" is not a record id$/,
        ),
      );
      assert.deepEqual(await portals.exportDocument(1), before);
    });

    test('a bad streamed item carries its position, and the import changes nothing', async (t) => {
      const { portals } = await core(t);
      await portals.ensure(1, 'Default');
      const before = await portals.exportDocument(1);
      async function* items(): AsyncIterable<PortalStateItem> {
        await Promise.resolve();
        yield { type: 'portal', name: 'New', nextRecordId: 20, nextLabelTypeId: 1 };
        yield {
          type: 'record',
          objectTypeId: '0-1',
          id: '11',
          properties: {},
          createdAt: NOW.toISOString(),
          updatedAt: NOW.toISOString(),
          archivedAt: null,
        };
        yield {
          type: 'record',
          objectTypeId: '0-1',
          id: 'twelve',
          properties: {},
          createdAt: NOW.toISOString(),
          updatedAt: NOW.toISOString(),
          archivedAt: null,
        };
      }
      await assert.rejects(portals.importItems(1, items()), (error) => {
        assert.ok(error instanceof DomainError);
        assert.deepEqual(error.context, { item: ['3'] });
        return true;
      });
      assert.deepEqual(await portals.exportDocument(1), before);
    });
  });
}
