// The store contract for property definitions and groups: stored per portal and object type,
// listed in byte-wise key order, replaced by key, rolled back with their transaction, cleared by
// reset and delete, and carried by export and import. Run by store.contract.ts on each engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type {
  PropertyDefinition,
  PropertyGroupDefinition,
  PropertySchemaEntry,
} from '../../src/core/model.js';
import type { PortalStateChunk, Store } from '../../src/core/ports.js';
import { NOW, PORTAL, open, type Factory } from './contract-fixture.js';

function property(name: string, extra: Partial<PropertyDefinition> = {}): PropertySchemaEntry {
  return {
    kind: 'property',
    property: {
      objectTypeId: '0-1',
      name,
      label: `Label of ${name}`,
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'contactinformation',
      description: 'ünïcode, "quotes" and \\ backslashes',
      options: [{ label: 'One', value: '1', hidden: false, displayOrder: 1 }],
      displayOrder: -1,
      hasUniqueValue: false,
      hidden: false,
      formField: true,
      numberDisplayHint: 'formatted',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      archivedAt: null,
      ...extra,
    },
  };
}

function group(name: string, extra: Partial<PropertyGroupDefinition> = {}): PropertySchemaEntry {
  return {
    kind: 'group',
    group: { objectTypeId: '0-1', name, label: name, displayOrder: 2, archivedAt: null, ...extra },
  };
}

async function put(store: Store, entries: PropertySchemaEntry[], portal = PORTAL) {
  await store.transaction((tx) => tx.putPropertySchema(portal, entries));
}

async function exported(store: Store, portal: number): Promise<PortalStateChunk[]> {
  const chunks: PortalStateChunk[] = [];
  for await (const chunk of store.exportPortal(portal, 100)) chunks.push(chunk);
  return chunks;
}

async function* fromArray<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield await Promise.resolve(item);
}

export function runPropertySchemaContract(factory: Factory): void {
  test('property definitions and groups are kept per portal and type, in byte-wise key order', async (t) => {
    const store = await open(factory, t);
    const company = property('size', { objectTypeId: '0-2', type: 'number', fieldType: 'number' });
    await put(store, [property('b_prop'), property('B_upper'), group('loyalty'), company]);
    await put(store, [property('other_portal')], PORTAL + 1);
    assert.deepEqual(await store.listPropertySchema(PORTAL, '0-1'), [
      group('loyalty'),
      property('B_upper'),
      property('b_prop'),
    ]);
    assert.deepEqual(await store.listPropertySchema(PORTAL, '0-2'), [company]);
    assert.deepEqual(await store.listPropertySchema(PORTAL, null), [
      group('loyalty'),
      property('B_upper'),
      property('b_prop'),
      company,
    ]);
    assert.deepEqual(await store.listPropertySchema(PORTAL + 1, null), [property('other_portal')]);
    // Reads inside a transaction see the same.
    const inside = await store.transaction((tx) => tx.listPropertySchema(PORTAL, '0-2'));
    assert.deepEqual(inside, [company]);
  });

  test('a definition put again is replaced; a failed transaction keeps none of its puts', async (t) => {
    const store = await open(factory, t);
    await put(store, [property('b_prop')]);
    const archived = property('b_prop', { archivedAt: NOW.toISOString(), label: 'Renamed' });
    await put(store, [archived]);
    assert.deepEqual(await store.listPropertySchema(PORTAL, '0-1'), [archived]);
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.putPropertySchema(PORTAL, [property('b_prop'), group('lost')]);
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    assert.deepEqual(await store.listPropertySchema(PORTAL, '0-1'), [archived]);
  });

  test('reset and delete clear a portal definitions; export and import carry them', async (t) => {
    const store = await open(factory, t);
    await store.createPortal(PORTAL, 'Source', NOW);
    const entries = [group('loyalty'), property('b_prop', { groupName: 'loyalty' })];
    await put(store, entries);
    const chunks = await exported(store, PORTAL);
    assert.deepEqual(
      chunks.map((chunk) => chunk.kind),
      ['portal', 'propertySchema'],
    );
    const summary = await store.importPortal(PORTAL + 3, fromArray(chunks));
    assert.deepEqual(summary, { records: 0, associations: 0, labels: 0, limits: 0, properties: 2 });
    assert.deepEqual(await store.listPropertySchema(PORTAL + 3, null), entries);
    // An import replaces what the portal held.
    await store.importPortal(PORTAL + 3, fromArray<PortalStateChunk>([]));
    assert.deepEqual(await store.listPropertySchema(PORTAL + 3, null), []);
    await store.resetPortal(PORTAL);
    assert.deepEqual(await store.listPropertySchema(PORTAL, null), []);
    await put(store, entries);
    assert.equal(await store.deletePortal(PORTAL), true);
    assert.deepEqual(await store.listPropertySchema(PORTAL, null), []);
  });
}
