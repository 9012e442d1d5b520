// What the store contract files share: the portal and clock they use, opening a store of the
// engine under test for one test, and inserting records with given properties.
import type { TestContext } from 'node:test';
import type { RecordId } from '../../src/core/model.js';
import type { Store } from '../../src/core/ports.js';
import type { TestStore } from '../helpers/test-store.js';

export const PORTAL = 7;
export const NOW = new Date('2026-01-02T03:04:05.678Z');

/** Opens a fresh store of the engine under test. */
export interface Factory {
  open(): Promise<TestStore>;
}

/** A fresh store, disposed of when the test ends. */
export async function open(factory: Factory, t: TestContext): Promise<Store> {
  const { store, dispose } = await factory.open();
  t.after(dispose);
  return store;
}

/** Inserts one record per property set; returns their ids in order. */
export async function insert(
  store: Store,
  type: string,
  ...properties: Record<string, string>[]
): Promise<RecordId[]> {
  const records = await store.transaction((tx) =>
    tx.insertRecords(
      PORTAL,
      type,
      properties.map((values) => ({ properties: values })),
      NOW,
    ),
  );
  return records.map((record) => record.id);
}
