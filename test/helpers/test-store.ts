// The store engine under test, chosen by TEST_STORE (sqlite, the default, or postgres), and fresh
// stores and server databases of that engine.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/core/ports.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { createTestSchema } from './postgres.js';

export type TestEngine = 'sqlite' | 'postgres';

function engineFromEnvironment(): TestEngine {
  const value = process.env['TEST_STORE'] ?? 'sqlite';
  if (value === 'sqlite' || value === 'postgres') return value;
  throw new Error(`TEST_STORE must be sqlite or postgres, not ${value}`);
}

export const TEST_ENGINE: TestEngine = engineFromEnvironment();

/** A store for one test, and how to be rid of it. */
export interface TestStore {
  readonly store: Store;
  /** Closes the store and drops what it was kept in. */
  readonly dispose: () => Promise<void>;
}

/** A fresh, empty store: SQLite in memory, or PostgreSQL in a schema of its own. */
export async function createTestStore(engine: TestEngine = TEST_ENGINE): Promise<TestStore> {
  if (engine === 'sqlite') {
    const store = new SqliteStore({ filename: ':memory:' });
    return { store, dispose: () => store.close() };
  }
  const schema = await createTestSchema();
  try {
    const store = await PostgresStore.open({ connectionString: schema.url });
    return {
      store,
      dispose: async () => {
        await store.close();
        await schema.drop();
      },
    };
  } catch (error) {
    await schema.drop();
    throw error;
  }
}

/** Stores on one fresh database, as the processes of one server are, and how to be rid of them. */
export interface SharedTestStores {
  readonly stores: readonly Store[];
  /** Closes the stores and drops what they were kept in. */
  readonly dispose: () => Promise<void>;
}

/** `count` stores sharing a fresh database: a SQLite file, or a PostgreSQL schema. */
export async function createSharedTestStores(
  count: number,
  engine: TestEngine = TEST_ENGINE,
): Promise<SharedTestStores> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'has-shared-'));
    const filename = join(dir, 'portal.db');
    const stores = Array.from({ length: count }, () => new SqliteStore({ filename }));
    return {
      stores,
      dispose: async () => {
        await Promise.all(stores.map((store) => store.close()));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = await createTestSchema();
  const opened = await Promise.allSettled(
    Array.from({ length: count }, () => PostgresStore.open({ connectionString: schema.url })),
  );
  const stores = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const dispose = async () => {
    await Promise.all(stores.map((store) => store.close()));
    await schema.drop();
  };
  const failed = opened.find((result) => result.status === 'rejected');
  if (failed) {
    await dispose();
    throw failed.reason;
  }
  return { stores, dispose };
}

/** A database for server processes to share, as `serve` arguments. */
export interface ServerDatabase {
  readonly args: readonly string[];
  /** How the readiness line names the store. */
  readonly description: string;
  /**
   * After the servers have ended: whether they left the database as only a clean close does.
   * Null for PostgreSQL, whose server shows no difference; there the exit code is the evidence
   * (serve exits 0 only once the pool has closed without error).
   */
  readonly closedCleanly: (() => boolean) | null;
  /** Drops it; the processes using it must have ended. */
  readonly dispose: () => Promise<void>;
}

/** A fresh, durable database: a SQLite file in a new directory, or a new PostgreSQL schema. */
export async function createServerDatabase(
  engine: TestEngine = TEST_ENGINE,
): Promise<ServerDatabase> {
  if (engine === 'postgres') {
    const schema = await createTestSchema();
    return {
      args: ['--db', schema.url],
      description: `postgres ${new URL(schema.url).host}/${schema.database}`,
      closedCleanly: null,
      dispose: schema.drop,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'has-cli-'));
  const file = join(dir, 'portal.db');
  return {
    args: ['--db', file],
    description: `sqlite ${file}`,
    // A clean close checkpoints the write-ahead log into the database file and removes it.
    closedCleanly: () => !existsSync(`${file}-wal`),
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}
