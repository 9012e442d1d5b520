// The store contract for record search: every kind of condition, groups, sorts, paging, counts,
// and the value index kept in step with every write (insert, update, archive, purge, import,
// reset). Run by store.contract.ts on each engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RecordId } from '../../src/core/model.js';
import type {
  PortalStateChunk,
  RecordSearch,
  SearchCondition,
  Store,
} from '../../src/core/ports.js';
import { NOW, PORTAL, insert, open, type Factory } from './contract-fixture.js';

const property = (name: string) => ({ kind: 'property', name }) as const;

function search(overrides: Partial<RecordSearch>): RecordSearch {
  return { groups: [], all: [], sort: null, offset: 0, limit: 100, ...overrides };
}

/** The ids one search finds, in order, and its total. */
async function find(store: Store, overrides: Partial<RecordSearch>, type = '0-1') {
  const page = await store.searchRecords(PORTAL, type, search(overrides));
  return { total: page.total, ids: page.records.map((record) => record.id) };
}

async function idsOf(store: Store, ...groups: SearchCondition[][]): Promise<RecordId[]> {
  return (await find(store, { groups })).ids;
}

export function runRecordSearchContract(factory: Factory): void {
  test('search: keys, exact values, ranges over numbers and keys, presence and patterns', async (t) => {
    const store = await open(factory, t);
    const [ann, bob, cyd, dee] = await insert(
      store,
      '0-1',
      { email: 'Ann@Example.com', age: '30', stage: 'lead', city: 'New York' },
      { email: 'bob@example.org', age: '4.5', stage: 'Lead', city: '' },
      { email: 'cyd@other.com', age: '100', joined: '2024-03-01' },
      { firstname: 'Dee', joined: '2024-03-01T12:00:00Z' },
    );
    const keys = (values: string[], negate = false): SearchCondition => ({
      kind: 'keys',
      field: property('email'),
      keys: values,
      on: 'key',
      negate,
    });
    assert.deepEqual(await idsOf(store, [keys(['ann@example.com'])]), [ann]);
    assert.deepEqual(await idsOf(store, [keys(['ann@example.com', 'cyd@other.com'])]), [ann, cyd]);
    // A negation also matches records without the property.
    assert.deepEqual(await idsOf(store, [keys(['ann@example.com'], true)]), [bob, cyd, dee]);
    const stage = (exact: string[]): SearchCondition => ({
      kind: 'keys',
      field: property('stage'),
      keys: exact.map((value) => value.toLowerCase()),
      exact,
      on: 'key',
      negate: false,
    });
    assert.deepEqual(await idsOf(store, [stage(['lead'])]), [ann]);
    assert.deepEqual(await idsOf(store, [stage(['Lead'])]), [bob]);
    const age = (low: number | null, high: number | null): SearchCondition => ({
      kind: 'range',
      field: property('age'),
      on: 'number',
      low: low === null ? null : { value: low, inclusive: true },
      high: high === null ? null : { value: high, inclusive: false },
      negate: false,
    });
    // Numbers compare as numbers: 4.5 < 30 < 100, though "100" < "30" < "4.5" as text.
    assert.deepEqual(await idsOf(store, [age(5, null)]), [ann, cyd]);
    assert.deepEqual(await idsOf(store, [age(4.5, 100)]), [ann, bob]);
    const joined: SearchCondition = {
      kind: 'range',
      field: property('joined'),
      on: 'number',
      low: { value: Date.parse('2024-03-01T00:00:00Z'), inclusive: false },
      high: null,
      negate: false,
    };
    assert.deepEqual(await idsOf(store, [joined]), [dee]);
    const textRange: SearchCondition = {
      kind: 'range',
      field: property('email'),
      on: 'key',
      low: { value: 'b', inclusive: true },
      high: null,
      negate: false,
    };
    assert.deepEqual(await idsOf(store, [textRange]), [bob, cyd]);
    // An empty value is no value.
    const city = (negate: boolean): SearchCondition => ({
      kind: 'present',
      field: property('city'),
      negate,
    });
    assert.deepEqual(await idsOf(store, [city(false)]), [ann]);
    assert.deepEqual(await idsOf(store, [city(true)]), [bob, cyd, dee]);
    const like = (patterns: string[], negate = false): SearchCondition => ({
      kind: 'like',
      properties: ['email', 'firstname'],
      patterns,
      negate,
    });
    assert.deepEqual(await idsOf(store, [like(['%@example.%'])]), [ann, bob]);
    assert.deepEqual(await idsOf(store, [like(['de%'])]), [dee]);
    // A record whose properties match twice is found once, and counted once.
    assert.deepEqual(await find(store, { all: [like(['%e%'])] }), {
      total: 4,
      ids: [ann, bob, cyd, dee],
    });
    assert.deepEqual(await idsOf(store, [like(['%@example.%'], true)]), [cyd, dee]);
    // Underscores and percent signs are literal when escaped.
    assert.deepEqual(await idsOf(store, [like(['ann\\_%'])]), []);
  });

  test('search: groups are ORed, conditions ANDed; the "all" conditions narrow every group', async (t) => {
    const store = await open(factory, t);
    const [a, b, c] = await insert(
      store,
      '0-1',
      { color: 'red', size: 'small' },
      { color: 'red', size: 'large' },
      { color: 'blue', size: 'large' },
    );
    const is = (name: string, value: string): SearchCondition => ({
      kind: 'keys',
      field: property(name),
      keys: [value],
      on: 'key',
      negate: false,
    });
    assert.deepEqual(await idsOf(store, [is('color', 'red'), is('size', 'large')]), [b]);
    assert.deepEqual(await idsOf(store, [is('size', 'small')], [is('color', 'blue')]), [a, c]);
    const narrowed = await find(store, {
      groups: [[is('color', 'red')], [is('color', 'blue')]],
      all: [is('size', 'large')],
    });
    assert.deepEqual(narrowed, { total: 2, ids: [b, c] });
    assert.deepEqual((await find(store, { all: [is('size', 'large')] })).ids, [b, c]);
  });

  test('search: record columns (id, times) and associations to records of another type', async (t) => {
    const store = await open(factory, t);
    const [first, second, third] = await insert(store, '0-1', {}, {}, {});
    const [company, other] = await insert(store, '0-2', {}, {});
    await store.transaction(async (tx) => {
      await tx.insertAssociations(PORTAL, [
        {
          fromObjectTypeId: '0-2',
          fromId: company!,
          toObjectTypeId: '0-1',
          toId: first!,
          category: 'HUBSPOT_DEFINED',
          typeId: 280,
        },
        {
          fromObjectTypeId: '0-2',
          fromId: company!,
          toObjectTypeId: '0-1',
          toId: first!,
          category: 'HUBSPOT_DEFINED',
          typeId: 2,
        },
        {
          fromObjectTypeId: '0-2',
          fromId: other!,
          toObjectTypeId: '0-1',
          toId: third!,
          category: 'HUBSPOT_DEFINED',
          typeId: 280,
        },
      ]);
    });
    const associated = (ids: number[]): SearchCondition => ({
      kind: 'associated',
      objectTypeId: '0-2',
      ids,
    });
    // Two types on one pair still make one match.
    assert.deepEqual(await find(store, { groups: [[associated([company!])]] }), {
      total: 1,
      ids: [first],
    });
    assert.deepEqual(await idsOf(store, [associated([company!, other!])]), [first, third]);
    const byId: SearchCondition = {
      kind: 'keys',
      field: { kind: 'column', name: 'id' },
      keys: [second!, third!],
      on: 'number',
      negate: true,
    };
    assert.deepEqual(await idsOf(store, [byId]), [first]);
    const created = (ms: number): SearchCondition => ({
      kind: 'range',
      field: { kind: 'column', name: 'createdAt' },
      on: 'number',
      low: { value: ms, inclusive: true },
      high: null,
      negate: false,
    });
    assert.deepEqual(await idsOf(store, [created(NOW.getTime())]), [first, second, third]);
    assert.deepEqual(await idsOf(store, [created(NOW.getTime() + 1)]), []);
  });

  test('search: sorts by number, key, or column, ties and missing values last, then pages', async (t) => {
    const store = await open(factory, t);
    const ids = await insert(
      store,
      '0-1',
      { score: '10', name: 'b' },
      { score: '9', name: 'A' },
      { name: 'c' },
      { score: '10', name: 'a' },
    );
    const [ten, nine, none, tenToo] = ids;
    const sorted = async (name: string, on: 'number' | 'key', descending: boolean) =>
      (await find(store, { sort: { field: property(name), on, descending } })).ids;
    assert.deepEqual(await sorted('score', 'number', false), [nine, ten, tenToo, none]);
    assert.deepEqual(await sorted('score', 'number', true), [ten, tenToo, nine, none]);
    assert.deepEqual(await sorted('name', 'key', false), [nine, tenToo, ten, none]);
    const byId = await find(store, {
      sort: { field: { kind: 'column', name: 'id' }, on: 'number', descending: true },
    });
    assert.deepEqual(byId.ids, [...ids].reverse());
    // Without a sort: in id order (the order records were created in).
    assert.deepEqual((await find(store, {})).ids, ids);
    const page = await find(store, { offset: 1, limit: 2 });
    assert.deepEqual(page, { total: 4, ids: [nine, none] });
    assert.deepEqual(await find(store, { offset: 4, limit: 2 }), { total: 4, ids: [] });
    assert.deepEqual(await find(store, { limit: 0 }), { total: 4, ids: [] });
  });

  test('search: the index follows updates, archives, purges, imports and resets', async (t) => {
    const store = await open(factory, t);
    const [kept, changed, archived, purged] = await insert(
      store,
      '0-1',
      { tag: 'x' },
      { tag: 'x' },
      { tag: 'x' },
      { tag: 'x' },
    );
    await insert(store, '0-2', { tag: 'x' });
    await store.transaction(async (tx) => {
      await tx.updateRecords(PORTAL, '0-1', [{ id: changed!, properties: { tag: 'y' } }], NOW);
      await tx.archiveRecords(PORTAL, '0-1', [archived!], NOW);
      await tx.purgeRecords(PORTAL, '0-1', [purged!]);
    });
    const tag = (value: string): SearchCondition => ({
      kind: 'keys',
      field: property('tag'),
      keys: [value],
      on: 'key',
      negate: false,
    });
    assert.deepEqual(await find(store, { groups: [[tag('x')]] }), { total: 1, ids: [kept] });
    assert.deepEqual(await idsOf(store, [tag('y')]), [changed]);
    // Clearing a value removes it from the index.
    await store.transaction((tx) =>
      tx.updateRecords(PORTAL, '0-1', [{ id: changed!, properties: { tag: '' } }], NOW),
    );
    assert.deepEqual(await idsOf(store, [tag('y')]), []);
    assert.equal((await find(store, {})).total, 2);

    const chunks: PortalStateChunk[] = [];
    for await (const chunk of store.exportPortal(PORTAL, 100)) chunks.push(chunk);
    async function* replay() {
      for (const chunk of chunks) yield await Promise.resolve(chunk);
    }
    await store.importPortal(PORTAL + 1, replay());
    const imported = await store.searchRecords(PORTAL + 1, '0-1', search({ groups: [[tag('x')]] }));
    assert.deepEqual(
      imported.records.map((record) => record.id),
      [kept],
    );
    await store.resetPortal(PORTAL);
    assert.equal((await find(store, { groups: [[tag('x')]] })).total, 0);
    assert.equal(
      (await store.searchRecords(PORTAL, '0-2', search({ groups: [[tag('x')]] }))).total,
      0,
    );
  });
}
