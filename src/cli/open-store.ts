// Picks the store engine from the command line and the environment, and opens it.
import { existsSync } from 'node:fs';
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
/** A URL scheme or a `scheme:` prefix; one letter is a Windows drive (C:\data.db), not a scheme. */
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

/** The forms `--db` takes, for messages about the others. */
const DB_FORMS =
  'a SQLite file path (such as ./portal.db) or a postgres:// or postgresql:// URL ' +
  '(such as postgres://user@localhost:5432/crm)';

/**
 * `--memory` wins, then `--db` (a URL means PostgreSQL, anything else a SQLite file), then
 * `DATABASE_URL`, then the default SQLite file: the zero-set-up case stays SQLite.
 */
export function chooseStore(choice: StoreChoice): StoreTarget {
  if (choice.memory) return { engine: 'sqlite', filename: ':memory:' };
  if (choice.db !== undefined && choice.db !== '') {
    if (POSTGRES_URL.test(choice.db)) return { engine: 'postgres', url: choice.db };
    // `mysql://…` or `sqlite:file.db` is a mistake to report, not a file name to create.
    const scheme = SCHEME.exec(choice.db)?.[1];
    if (scheme !== undefined) {
      throw new Error(`--db ${choice.db}: ${scheme}: is not supported; --db takes ${DB_FORMS}`);
    }
    return { engine: 'sqlite', filename: choice.db };
  }
  if (choice.databaseUrl !== undefined && choice.databaseUrl !== '') {
    // A URL of another database is a mistake to report, not a SQLite file name.
    if (!POSTGRES_URL.test(choice.databaseUrl)) {
      throw new Error(
        'DATABASE_URL must be a postgres:// or postgresql:// URL ' +
          '(for a SQLite file, use --db <file> and leave DATABASE_URL unset)',
      );
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

/** Where a PostgreSQL URL points, as `host:port` (the driver's defaults filled in). */
export function postgresAddress(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const host = url.hostname || (url.searchParams.get('host') ?? 'localhost');
    return `${host}:${url.port || '5432'}`;
  } catch {
    return 'the server the URL names';
  }
}

/** The database and user a PostgreSQL URL names, the driver's defaults filled in. */
function postgresNames(connectionString: string): { database: string; user: string } {
  try {
    const url = new URL(connectionString);
    const user = decodeURIComponent(url.username) || (process.env['USER'] ?? 'postgres');
    return { database: decodeURIComponent(url.pathname.slice(1)) || user, user };
  } catch {
    return { database: 'the database', user: 'the user' };
  }
}

/** Network error codes that mean no PostgreSQL server answered at the address. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/**
 * What to tell someone whose PostgreSQL store did not open: where it was looked for and what to
 * check, for the usual first mistakes; the driver's own message otherwise.
 */
export function postgresOpenError(connectionString: string, error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const code = (error as { code?: unknown }).code;
  const address = postgresAddress(connectionString);
  const { database, user } = postgresNames(connectionString);
  if (typeof code === 'string' && UNREACHABLE.has(code)) {
    return new Error(
      `cannot reach PostgreSQL at ${address} (${code}): check that the server is running, that it ` +
        'accepts TCP connections on that host and port (listen_addresses, port, a firewall), ' +
        'and that the URL in --db or DATABASE_URL names them',
    );
  }
  if (code === '3D000') {
    return new Error(
      `PostgreSQL at ${address} has no database "${database}": create it (createdb ${database}) ` +
        'or name an existing one in the URL',
    );
  }
  if (code === '28P01' || code === '28000') {
    return new Error(
      `PostgreSQL at ${address} refused user "${user}" (${error.message}): check the user and ` +
        "password in the URL and the server's pg_hba.conf",
    );
  }
  return error;
}

export interface OpenStoreOptions {
  /** Refuse a SQLite file that does not exist yet, instead of creating it (export reads one). */
  readonly mustExist?: boolean;
}

export async function openStore(
  choice: StoreChoice,
  options: OpenStoreOptions = {},
): Promise<OpenedStore> {
  const target = chooseStore(choice);
  if (target.engine === 'sqlite') {
    const { filename } = target;
    if (options.mustExist && filename !== ':memory:' && !existsSync(filename)) {
      throw new Error(`no SQLite database at ${filename}: check the path given to --db`);
    }
    let store: SqliteStore;
    try {
      store = new SqliteStore({ filename });
    } catch (error) {
      throw new Error(`cannot open the SQLite database ${filename}: ${(error as Error).message}`);
    }
    return { store, description: `sqlite ${filename}` };
  }
  let store: PostgresStore;
  try {
    store = await PostgresStore.open({ connectionString: target.url });
  } catch (error) {
    throw postgresOpenError(target.url, error);
  }
  return { store, description: `postgres ${describePostgresUrl(target.url)}` };
}
