// Picks the store engine from the command line and the environment, and opens it.
import type { Store } from '../core/ports.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';

/** The SQLite file used when nothing else is named. */
export const DEFAULT_SQLITE_FILE = 'hubspot-associations.db';

/** What the command line and the environment say about the store. */
export interface StoreChoice {
  /** `--db`: a SQLite file path, or a postgres:// or postgresql:// URL. */
  readonly db?: string | undefined;
  /** `--memory`: SQLite in memory. */
  readonly memory?: boolean | undefined;
  /** `DATABASE_URL`, used when neither `--db` nor `--memory` is given. */
  readonly databaseUrl?: string | undefined;
}

export type StoreTarget =
  | { readonly engine: 'sqlite'; readonly filename: string }
  | { readonly engine: 'postgres'; readonly url: string };

/** An open store and how the readiness line names it. */
export interface OpenedStore {
  readonly store: Store;
  /** `sqlite <file>` or `postgres <host>/<database>`, never with credentials. */
  readonly description: string;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * `--memory` wins, then `--db` (a URL means PostgreSQL, anything else a SQLite file), then
 * `DATABASE_URL`, then the default SQLite file: the zero-set-up case stays SQLite.
 */
export function chooseStore(choice: StoreChoice): StoreTarget {
  if (choice.memory) return { engine: 'sqlite', filename: ':memory:' };
  if (choice.db !== undefined && choice.db !== '') {
    return POSTGRES_URL.test(choice.db)
      ? { engine: 'postgres', url: choice.db }
      : { engine: 'sqlite', filename: choice.db };
  }
  if (choice.databaseUrl !== undefined && choice.databaseUrl !== '') {
    // A URL of another database is a mistake to report, not a SQLite file name.
    if (!POSTGRES_URL.test(choice.databaseUrl)) {
      throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
    }
    return { engine: 'postgres', url: choice.databaseUrl };
  }
  return { engine: 'sqlite', filename: DEFAULT_SQLITE_FILE };
}

/** `host/database` of a PostgreSQL URL: enough to recognise it, without user or password. */
export function describePostgresUrl(connectionString: string): string {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return 'database'; // The driver parses more leniently; an unparsable URL still says nothing.
  }
  const host = url.host || (url.searchParams.get('host') ?? 'localhost');
  const database = decodeURIComponent(url.pathname.slice(1) || url.username);
  return `${host}/${database}`;
}

export async function openStore(choice: StoreChoice): Promise<OpenedStore> {
  const target = chooseStore(choice);
  if (target.engine === 'sqlite') {
    const store = new SqliteStore({ filename: target.filename });
    return { store, description: `sqlite ${target.filename}` };
  }
  const store = await PostgresStore.open({ connectionString: target.url });
  return { store, description: `postgres ${describePostgresUrl(target.url)}` };
}
