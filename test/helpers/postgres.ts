// PostgreSQL for tests: where the server is, whether it answers, and a fresh schema per test in a
// database of this test process, dropped when the process is done.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the tests use. Its own database only serves to create and drop theirs. */
export const TEST_DATABASE_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** With REQUIRE_POSTGRES=1 (CI), an unreachable server fails the tests instead of skipping them. */
export const POSTGRES_REQUIRED = process.env['REQUIRE_POSTGRES'] === '1';

/** Test databases are named with it; the test runner drops any of its own left behind. */
const DATABASE_PREFIX = process.env['TEST_DATABASE_PREFIX'] ?? 'has_test_';

/** The URL without its password, fit for a message. */
function shown(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

let probe: Promise<string | null> | undefined;

/** Why PostgreSQL cannot be used, or null when it can. Asked once per process. */
export function postgresUnavailable(): Promise<string | null> {
  probe ??= (async () => {
    const client = new pg.Client({
      connectionString: TEST_DATABASE_URL,
      connectionTimeoutMillis: 5000,
    });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (error) {
      const reason = error instanceof Error ? error.message || error.name : String(error);
      return `PostgreSQL is not reachable at ${shown(TEST_DATABASE_URL)} (${reason})`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return probe;
}

/**
 * The `skip` option of a PostgreSQL-only suite: the reason when the server is unreachable and
 * not required, false otherwise (an unreachable required server then fails the suite's tests).
 */
export async function postgresSkip(): Promise<string | false> {
  const reason = await postgresUnavailable();
  if (reason === null || POSTGRES_REQUIRED) return false;
  return `${reason}; set REQUIRE_POSTGRES=1 to make this a failure`;
}

/** A pool whose idle connections never keep a test process alive. */
function smallPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true });
  // pool.end() resolves before its connections have closed; DROP DATABASE WITH (FORCE) may then
  // terminate one of them, which reports the termination as an error. Nothing is lost.
  pool.on('error', () => undefined);
  return pool;
}

interface ProcessDatabase {
  readonly url: URL;
  readonly pool: pg.Pool;
}

let processDatabase: Promise<ProcessDatabase> | undefined;

/**
 * This process's database, created at first use and dropped once the process has nothing left to
 * do. CREATE DATABASE costs 50 to 300 ms and 8 MB of WAL; a schema costs a few milliseconds.
 */
function databaseOfThisProcess(): Promise<ProcessDatabase> {
  processDatabase ??= (async () => {
    const name = `${DATABASE_PREFIX}${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = smallPool(TEST_DATABASE_URL);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    const pool = smallPool(url.toString());
    process.once('beforeExit', () => {
      void pool
        .end()
        .then(() => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
        .finally(() => admin.end());
    });
    return { url, pool };
  })();
  return processDatabase;
}

let created = 0;

/** A place of its own for one test: a new, empty schema. */
export interface TestSchema {
  /** A URL whose connections see only this schema (through their search_path). */
  readonly url: string;
  /** The name of the database the schema is in. */
  readonly database: string;
  /** Drops the schema and everything in it. */
  readonly drop: () => Promise<void>;
}

export async function createTestSchema(): Promise<TestSchema> {
  const database = await databaseOfThisProcess();
  created += 1;
  const schema = `test_${created}_${randomBytes(3).toString('hex')}`;
  await database.pool.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(database.url);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    database: decodeURIComponent(database.url.pathname.slice(1)),
    drop: async () => {
      await database.pool.query(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}
