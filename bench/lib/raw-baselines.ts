// The raw baselines: the rows each workload stores or reads, through the same database driver
// with the plainest fast SQL, and none of the server's checks, rules or HTTP.
import Database from 'better-sqlite3';
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Engine } from './databases.js';

/** A contact→company pair, as record ids. */
export type Pair = readonly [number, number];

const PORTAL = 1;
const HUBSPOT_DEFINED = 0;

/** The operations of the workloads, done directly on the database. */
export interface RawBaseline {
  /** Stores the unlabeled association of each pair, both directions, in one transaction. */
  insertPairs(pairs: readonly Pair[]): Promise<void>;
  /** Stores one pair with Primary, both directions, in one transaction. */
  putLabelled(pair: Pair): Promise<void>;
  /** Removes every row of one pair, both directions, in one transaction. */
  deletePair(pair: Pair): Promise<void>;
  /** Reads every company row of the contacts; returns how many rows came back. */
  readTargets(contactIds: readonly number[]): Promise<number>;
  /** Reads one page of a company's contacts after `afterId`. */
  readPage(companyId: number, afterId: number, limit: number): Promise<number>;
  /** Inserts `count` contacts with properties, in one transaction. */
  insertRecords(firstId: number, count: number): Promise<void>;
  /** Gets the store ready for the measured operations: on SQLite, an empty log. */
  beforeMeasuring(): Promise<void>;
  close(): Promise<void>;
}

/** The rows of a pair: contact→company 279 and company→contact 280, plus Primary 1/2 if asked. */
function rowsOf([contact, company]: Pair, primary: boolean): number[][] {
  const rows = [
    [contact, company, 279],
    [company, contact, 280],
  ];
  if (primary) rows.push([contact, company, 1], [company, contact, 2]);
  return rows;
}

/** The rows' direction: from contacts when the type id is odd, as HubSpot numbers them. */
function typesOf(typeId: number): [string, string] {
  return typeId % 2 === 1 ? ['0-1', '0-2'] : ['0-2', '0-1'];
}

export async function openRawBaseline(engine: Engine, location: string): Promise<RawBaseline> {
  // The server's own migrations make the schema, so both sides have the same tables and keys.
  if (engine === 'sqlite') {
    await new SqliteStore({ filename: location }).close();
    return sqliteBaseline(location);
  }
  await (await PostgresStore.open({ connectionString: location })).close();
  return postgresBaseline(location);
}

/** Runs synchronous driver work behind the baseline's promise-returning interface. */
function settled(work: () => unknown): Promise<void> {
  work();
  return Promise.resolve();
}

function sqliteBaseline(location: string): RawBaseline {
  const db = new Database(location);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // No checkpoint at all during the run: the cheapest write path SQLite has, so the server's
  // ratio to it is conservative (the server checkpoints on its own thread). The log is emptied
  // before the measured operations (`beforeMeasuring`) and not timed. why: lookups in a long log
  // slow every write; 30,000 PUTs in windows of 5,000 ran at 43,000–45,000 a second, then
  // 33,000 and 17,600 with the log at 410 MB, so a long warm-up left raw measured on a log the
  // server's checkpointer never lets grow.
  db.pragma('wal_autocheckpoint = 0');
  const insert = db.prepare(
    `INSERT OR IGNORE INTO associations VALUES (${PORTAL}, ?, ?, ?, ?, ${HUBSPOT_DEFINED}, ?)`,
  );
  const insertRows = db.transaction((rows: number[][]) => {
    for (const [from, to, typeId] of rows) {
      const [fromType, toType] = typesOf(typeId!);
      insert.run(fromType, from, toType, to, typeId);
    }
  });
  const targets = db.prepare(
    `SELECT from_id, to_id, category, type_id FROM associations WHERE portal_id = ${PORTAL}
     AND from_type = '0-1' AND from_id IN (SELECT value FROM json_each(?)) AND to_type = '0-2'`,
  );
  const deleteDirection = db.prepare(
    `DELETE FROM associations WHERE portal_id = ${PORTAL} AND from_type = ? AND from_id = ?
     AND to_type = ? AND to_id = ?`,
  );
  const deletePair = db.transaction(([contact, company]: Pair) => {
    deleteDirection.run('0-1', contact, '0-2', company);
    deleteDirection.run('0-2', company, '0-1', contact);
  });
  const page = db.prepare(
    `SELECT to_id, category, type_id FROM associations WHERE portal_id = ${PORTAL}
     AND from_type = '0-2' AND from_id = ? AND to_type = '0-1' AND to_id > ? ORDER BY to_id LIMIT ?`,
  );
  const insertRecord = db.prepare(
    `INSERT INTO records (portal_id, object_type_id, id, properties, created_at, updated_at)
     VALUES (${PORTAL}, '0-1', ?, ?, ?, ?)`,
  );
  const insertRecords = db.transaction((firstId: number, count: number) => {
    const now = Date.now();
    for (let index = 0; index < count; index++) {
      insertRecord.run(
        firstId + index,
        JSON.stringify({ email: `r${index}@example.com` }),
        now,
        now,
      );
    }
  });
  return {
    insertPairs: (pairs) =>
      settled(() => {
        insertRows(pairs.flatMap((pair) => rowsOf(pair, false)));
      }),
    putLabelled: (pair) =>
      settled(() => {
        insertRows(rowsOf(pair, true));
      }),
    deletePair: (pair) =>
      settled(() => {
        deletePair(pair);
      }),
    readTargets: (ids) => Promise.resolve(targets.all(JSON.stringify(ids)).length),
    readPage: (company, after, limit) => Promise.resolve(page.all(company, after, limit).length),
    insertRecords: (firstId, count) =>
      settled(() => {
        insertRecords(firstId, count);
      }),
    beforeMeasuring: () =>
      settled(() => {
        db.pragma('wal_checkpoint(TRUNCATE)');
      }),
    close: () => settled(() => db.close()),
  };
}

function postgresBaseline(location: string): RawBaseline {
  const pool = new pg.Pool({ connectionString: location, max: 16 });
  // pool.end() resolves before its connections have closed; the DROP DATABASE WITH (FORCE) that
  // follows may terminate one of them, which the pool reports as an error. Nothing is lost.
  pool.on('error', () => undefined);
  const insertRows = async (rows: number[][]) => {
    const columns = [0, 1, 2].map((column) => rows.map((row) => row[column]));
    const types = rows.map((row) => typesOf(row[2]!));
    await pool.query(
      `INSERT INTO associations (portal_id, from_type, from_id, to_type, to_id, category, type_id)
       SELECT ${PORTAL}, * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[],
         $5::smallint[], $6::integer[]) ON CONFLICT DO NOTHING`,
      [
        types.map(([from]) => from),
        columns[0],
        types.map(([, to]) => to),
        columns[1],
        rows.map(() => HUBSPOT_DEFINED),
        columns[2],
      ],
    );
  };
  return {
    insertPairs: (pairs) => insertRows(pairs.flatMap((pair) => rowsOf(pair, false))),
    putLabelled: (pair) => insertRows(rowsOf(pair, true)),
    deletePair: async ([contact, company]) => {
      await pool.query(
        `DELETE FROM associations WHERE portal_id = ${PORTAL} AND ((from_type = '0-1'
         AND from_id = $1 AND to_type = '0-2' AND to_id = $2) OR (from_type = '0-2'
         AND from_id = $2 AND to_type = '0-1' AND to_id = $1))`,
        [contact, company],
      );
    },
    readTargets: async (ids) =>
      (
        await pool.query(
          `SELECT from_id, to_id, category, type_id FROM associations WHERE portal_id = ${PORTAL}
           AND from_type = '0-1' AND from_id = ANY($1::bigint[]) AND to_type = '0-2'`,
          [ids],
        )
      ).rowCount ?? 0,
    readPage: async (company, after, limit) =>
      (
        await pool.query(
          `SELECT to_id, category, type_id FROM associations WHERE portal_id = ${PORTAL}
           AND from_type = '0-2' AND from_id = $1 AND to_type = '0-1' AND to_id > $2
           ORDER BY to_id LIMIT $3`,
          [company, after, limit],
        )
      ).rowCount ?? 0,
    insertRecords: async (firstId, count) => {
      const ids = Array.from({ length: count }, (_, index) => firstId + index);
      await pool.query(
        `INSERT INTO records (portal_id, object_type_id, id, properties, created_at, updated_at)
         SELECT ${PORTAL}, '0-1', id, json_build_object('email', 'r' || id || '@example.com'),
           now(), now() FROM unnest($1::bigint[]) AS id`,
        [ids],
      );
    },
    beforeMeasuring: () => Promise.resolve(),
    close: () => pool.end(),
  };
}
