// Fresh databases for one benchmark: a SQLite file in a temporary folder, or a PostgreSQL database.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The engines benchmarked. */
export type Engine = 'sqlite' | 'postgres';

/** Where the benchmarks' PostgreSQL databases are created. */
export const POSTGRES_ADMIN_URL =
  process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database the server or the raw baseline opens, and how to get rid of it. */
export interface BenchDatabase {
  /** What `serve --db` takes: a file path or a URL. */
  readonly location: string;
  /** Bytes on disk (the SQLite file and its write-ahead log; the PostgreSQL database). */
  size(): Promise<number>;
  /**
   * Gives PostgreSQL's planner the statistics a database in use has (autovacuum analyses a table
   * once enough of it changed, within a minute or so); a workload's freshly set-up tables would
   * otherwise be planned blind, scanning a type's records for one id. Nothing on SQLite.
   */
  analyze(): Promise<void>;
  drop(): Promise<void>;
}

export async function createDatabase(engine: Engine): Promise<BenchDatabase> {
  return engine === 'sqlite' ? sqliteDatabase() : postgresDatabase();
}

function sqliteDatabase(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'has-bench-'));
  const location = join(dir, 'bench.db');
  const sizeOf = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return {
    location,
    size: () => Promise.resolve(sizeOf(location) + sizeOf(`${location}-wal`)),
    analyze: () => Promise.resolve(),
    drop: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

async function adminQuery<R extends pg.QueryResultRow>(sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function postgresDatabase(): Promise<BenchDatabase> {
  const name = `has_bench_${process.pid}_${Date.now()}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    location: url.toString(),
    size: async () => {
      const [row] = await adminQuery<{ size: string }>(
        `SELECT pg_database_size('${name}') AS size`,
      );
      return Number(row?.size ?? 0);
    },
    analyze: async () => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await client.query('ANALYZE');
      } finally {
        await client.end();
      }
    },
    drop: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Whether PostgreSQL answers, so the run can say why it benchmarks SQLite only. */
export async function postgresReachable(): Promise<boolean> {
  try {
    await adminQuery('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** Refuses to start a run of PostgreSQL that cannot reach it, saying how to run SQLite alone. */
export async function assertEnginesReachable(engines: readonly Engine[]): Promise<void> {
  if (engines.includes('postgres') && !(await postgresReachable())) {
    throw new Error('PostgreSQL is not reachable; pass --engines sqlite to benchmark SQLite only');
  }
}
