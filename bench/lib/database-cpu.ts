// CPU used by PostgreSQL's backends for one benchmark database, read from /proc: the share of a
// PostgreSQL measurement that neither the server under test nor the raw client sees in its own.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { POSTGRES_ADMIN_URL, type Engine } from './databases.js';

/** Linux's clock tick, the unit of /proc's CPU times (USER_HZ, 100 on every Linux build). */
const MS_PER_TICK = 10;

/** The backends connected to the database at `location` now (another machine's: none). */
async function backendsOf(location: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1',
      [new URL(location).pathname.slice(1)],
    );
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

/** A process's CPU so far in ms, or null when it cannot be read (ended, or not on this machine). */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return null;
  }
}

/**
 * Starts counting the CPU of the database's backends; the function returned gives the ms used
 * since, by the backends there at either end (one that came and went in between is missed: the
 * pools under measurement keep theirs open), or NaN when none could be read.
 */
export async function databaseCpuFrom(location: string): Promise<() => Promise<number>> {
  const before = new Map<number, number>();
  for (const pid of await backendsOf(location)) {
    const ms = processCpuMs(pid);
    if (ms !== null) before.set(pid, ms);
  }
  return async () => {
    const pids = new Set([...before.keys(), ...(await backendsOf(location))]);
    let total = Number.NaN;
    for (const pid of pids) {
      const ms = processCpuMs(pid);
      if (ms !== null) total = (Number.isNaN(total) ? 0 : total) + ms - (before.get(pid) ?? 0);
    }
    return total;
  };
}

/** PostgreSQL's CPU for the database from now on; none on SQLite (the caller's process runs it). */
export async function databaseCpuOf(
  engine: Engine,
  location: string,
): Promise<() => Promise<number>> {
  return engine === 'postgres' ? databaseCpuFrom(location) : () => Promise.resolve(Number.NaN);
}
