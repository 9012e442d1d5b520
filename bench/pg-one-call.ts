// What a PostgreSQL PUT labelled would cost as one call of a server-side function, as the store's
// statements in one round trip, and as those of two writes in one round trip and one transaction:
// beside raw's insert and the store's own write, in alternated rounds (npx tsx
// bench/pg-one-call.ts [--rounds 6]). The function is this bench's alone, made in its database: it
// runs the statements the store's write runs (the portal's lock, the opening read of labels,
// limits and subscriptions, the hold, the records check, the pair's rows, the insert) in one call,
// and answers what it inserted.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createCore } from '../src/core/create-core.js';
import { resolveObjectType } from '../src/core/object-types.js';
import { eventLogWriter } from '../src/events/event-writer.js';
import { PORTAL_NAMESPACE, PortalLock } from '../src/store/postgres/portal-lock.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import { PAIR_WRITE_OPENING_READ } from '../src/store/postgres/postgres-transaction.js';
import { callersRound, type Round } from './lib/callers-round.js';
import { databaseCpuFrom } from './lib/database-cpu.js';
import { assertEnginesReachable, createDatabase } from './lib/databases.js';
import { openRawBaseline, type Pair } from './lib/raw-baselines.js';
import { median } from './lib/report.js';

const PORTAL = 1;
const CALLERS = 10;
const WARMUP = 3000;
const ROUND = 2000;

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '6' } } });
const rounds = Number(values.rounds);

/**
 * The store's pair write for a contact's Primary company, as one function: `$1` portal, `$2`
 * contact, `$3` company, `$4` the hold's keys (as `holdKeysOf` makes them). Each statement of a
 * volatile function takes its own snapshot, so the reads after the hold see what it waited for.
 */
const PUT_PRIMARY = `
CREATE FUNCTION bench_put_primary(bigint, bigint, bigint, text[]) RETURNS integer
LANGUAGE plpgsql SET enable_seqscan = off AS $fn$
DECLARE
  opening record;
  held bigint;
  live bigint;
  primary_elsewhere bigint;
  inserted integer;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(${PORTAL_NAMESPACE}, $1::integer);
  SELECT * INTO opening FROM (${PAIR_WRITE_OPENING_READ.sql}) AS o;
  SELECT (${PortalLock.holdKeys('$4')}) INTO held;
  SELECT count(*) FILTER (WHERE archived_at IS NULL) INTO live FROM (
    SELECT archived_at FROM records WHERE portal_id = $1 AND object_type_id = '0-1' AND id = $2
    UNION ALL
    SELECT archived_at FROM records WHERE portal_id = $1 AND object_type_id = '0-2' AND id = $3
  ) AS r;
  IF live < 2 THEN RAISE EXCEPTION 'a record is missing or archived'; END IF;
  SELECT max(to_id) FILTER (WHERE type_id = 1 AND to_id <> $3) INTO primary_elsewhere FROM (
    SELECT to_id, type_id FROM associations WHERE portal_id = $1
      AND from_type = '0-1' AND from_id = $2 AND to_type = '0-2' AND to_id = $3
    UNION ALL
    SELECT to_id, type_id FROM associations WHERE portal_id = $1
      AND from_type = '0-1' AND from_id = $2 AND to_type = '0-2' AND category = 0 AND type_id = 1
  ) AS a;
  IF primary_elsewhere IS NOT NULL THEN
    DELETE FROM associations WHERE portal_id = $1 AND category = 0
      AND ((from_type = '0-1' AND from_id = $2 AND to_type = '0-2' AND to_id = primary_elsewhere
            AND type_id = 1)
        OR (from_type = '0-2' AND from_id = primary_elsewhere AND to_type = '0-1' AND to_id = $2
            AND type_id = 2));
  END IF;
  INSERT INTO associations (portal_id, from_type, from_id, to_type, to_id, category, type_id)
  SELECT $1, * FROM unnest(ARRAY['0-1', '0-1', '0-2', '0-2'], ARRAY[$2, $2, $3, $3],
    ARRAY['0-2', '0-2', '0-1', '0-1'], ARRAY[$3, $3, $2, $2], ARRAY[0, 0, 0, 0]::smallint[],
    ARRAY[279, 1, 280, 2]) ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS inserted = ROW_COUNT;
  RETURN inserted;
END
$fn$`;

/**
 * The other shape of that design, with the rules left in the process: the write planned as if its
 * pair were new (no rows, records live, no Primary elsewhere, the portal's labels and limits known
 * to the process), and sent as the store's statements in one round trip, each check an assertion
 * that fails the transaction when the guess was wrong (the store would then write as it does now).
 * Prepared once per connection, as the store's session statements are; `$1`–`$3` as above.
 */
const ASSUME = `CREATE FUNCTION bench_assume(boolean) RETURNS boolean LANGUAGE plpgsql AS $fn$
BEGIN
  IF NOT $1 THEN RAISE EXCEPTION 'the write was planned on rows that changed'; END IF;
  RETURN true;
END
$fn$`;
const ONE_ROUND_TRIP_STATEMENTS = [
  `PREPARE bench_hold_and_check(bigint, bigint, bigint, text[]) AS
    SELECT (${PortalLock.holdKeys('$4')}) AS held, bench_assume((
      SELECT count(*) FILTER (WHERE archived_at IS NULL) FROM (
        SELECT archived_at FROM records WHERE portal_id = $1 AND object_type_id = '0-1' AND id = $2
        UNION ALL
        SELECT archived_at FROM records WHERE portal_id = $1 AND object_type_id = '0-2' AND id = $3
      ) AS r) = 2)`,
  `PREPARE bench_pair_unchanged(bigint, bigint, bigint) AS
    SELECT bench_assume(NOT EXISTS (
      SELECT FROM associations WHERE portal_id = $1
        AND from_type = '0-1' AND from_id = $2 AND to_type = '0-2' AND to_id = $3
      UNION ALL
      SELECT FROM associations WHERE portal_id = $1
        AND from_type = '0-1' AND from_id = $2 AND to_type = '0-2' AND category = 0 AND type_id = 1))`,
  `PREPARE bench_insert(bigint, bigint, bigint) AS
    INSERT INTO associations (portal_id, from_type, from_id, to_type, to_id, category, type_id)
    SELECT $1, * FROM unnest(ARRAY['0-1', '0-1', '0-2', '0-2'], ARRAY[$2, $2, $3, $3],
      ARRAY['0-2', '0-2', '0-1', '0-1'], ARRAY[$3, $3, $2, $2], ARRAY[0, 0, 0, 0]::smallint[],
      ARRAY[279, 1, 280, 2]) ON CONFLICT DO NOTHING`,
];

interface Side {
  readonly name: string;
  /** Writes the pairs of one call, `perCall` of them. */
  readonly put: (pairs: readonly Pair[]) => Promise<unknown>;
  readonly perCall: number;
  readonly rounds: Round[];
}

/** Writes per call of the grouped side, whose callers are as many fewer: as many writes in flight. */
const GROUPED = 2;

await assertEnginesReachable(['postgres']);
const database = await createDatabase('postgres');
const store = await PostgresStore.open({ connectionString: database.location });
const core = createCore({ store });
core.deliveries.logEventsWith(eventLogWriter(core.clock));
await core.portals.ensure(PORTAL, 'bench');
const perSide = WARMUP + ROUND * rounds;
const contacts = (
  await store.transaction((tx) =>
    tx.insertRecords(
      PORTAL,
      '0-1',
      Array.from({ length: perSide * 5 }, () => ({ properties: {} })),
      new Date(),
    ),
  )
).map((record) => record.id);
const company =
  (
    await store.transaction((tx) =>
      tx.insertRecords(PORTAL, '0-2', [{ properties: {} }], new Date()),
    )
  )[0]?.id ?? 0;
await database.analyze();

const raw = await openRawBaseline('postgres', database.location);
const pool = new pg.Pool({ connectionString: database.location, max: CALLERS });
pool.on('error', () => undefined);
await pool.query(PUT_PRIMARY);
await pool.query(ASSUME);
const prepared = new WeakSet<pg.PoolClient>();
const path = { from: resolveObjectType('contacts'), to: resolveObjectType('companies') };
const primary = { category: 'HUBSPOT_DEFINED', typeId: 1 } as const;

const sides: Side[] = [
  { name: 'raw insert', put: ([pair]) => raw.putLabelled(pair ?? [0, 0]), perCall: 1, rounds: [] },
  {
    name: 'one function call',
    put: async ([[contact, target] = [0, 0]]) => {
      const { rows } = await pool.query<{ inserted: number }>({
        name: 'put_primary',
        text: 'SELECT bench_put_primary($1, $2, $3, $4) AS inserted',
        values: [
          PORTAL,
          contact,
          target,
          [
            `x record ${PORTAL} 0-1/${contact}`,
            `s end ${PORTAL} 0-1/${contact}`,
            `x pair ${PORTAL} 0-1/${contact} 0-2/${target}`,
          ],
        ],
      });
      // A new pair's four rows, as the store writes them: a bound measured on less is no bound.
      if (rows[0]?.inserted !== 4) throw new Error(`the function inserted ${rows[0]?.inserted}`);
    },
    perCall: 1,
    rounds: [],
  },
  {
    name: 'the statements in one round trip',
    put: (pairs) => statementsInOneRoundTrip(pairs),
    perCall: 1,
    rounds: [],
  },
  {
    name: `${GROUPED} writes' statements in one round trip and one transaction`,
    put: (pairs) => statementsInOneRoundTrip(pairs),
    perCall: GROUPED,
    rounds: [],
  },
  {
    name: 'the store (core in process)',
    put: ([[contact, target] = [0, 0]]) =>
      core.associations.createLabelled(PORTAL, path, [
        { fromId: contact, toId: target, types: [primary] },
      ]),
    perCall: 1,
    rounds: [],
  },
];

/**
 * The store's statements for each pair, after one opening and before one COMMIT: with more than
 * one pair, what writes sent together in one transaction would cost (each still holds, checks
 * and inserts its own pair).
 */
async function statementsInOneRoundTrip(pairs: readonly Pair[]): Promise<void> {
  const client = await pool.connect();
  try {
    if (!prepared.has(client)) {
      for (const statement of ONE_ROUND_TRIP_STATEMENTS) await client.query(statement);
      prepared.add(client);
    }
    const writes = pairs.map(([contact, target]) => {
      const keys = client.escapeLiteral(
        `{"x record ${PORTAL} 0-1/${contact}","s end ${PORTAL} 0-1/${contact}","x pair ${PORTAL} 0-1/${contact} 0-2/${target}"}`,
      );
      return `EXECUTE bench_hold_and_check(${PORTAL}, ${contact}, ${target}, ${keys});
        EXECUTE bench_pair_unchanged(${PORTAL}, ${contact}, ${target});
        EXECUTE bench_insert(${PORTAL}, ${contact}, ${target});`;
    });
    const results = (await client.query(
      `BEGIN; SET LOCAL enable_seqscan = off;
      SELECT pg_advisory_xact_lock_shared(${PORTAL_NAMESPACE}, ${PORTAL});
      ${writes.join('\n')} COMMIT`,
    )) as unknown as pg.QueryResult[];
    const inserted = results.filter((result) => result.command === 'INSERT');
    if (inserted.length !== pairs.length || inserted.some((result) => result.rowCount !== 4))
      throw new Error("the round trip did not insert each pair's four rows");
  } finally {
    client.release();
  }
}

let next = 0;
/** `amount` writes through `side`, as many in flight as `CALLERS` single writes. */
async function measure(side: Side, amount: number): Promise<Round> {
  const { perCall } = side;
  const first = next;
  next += amount;
  const round = await callersRound(
    CALLERS / perCall,
    amount / perCall,
    (index) =>
      side.put(
        Array.from({ length: perCall }, (_, write): Pair => [
          contacts[first + index * perCall + write] ?? 0,
          company,
        ]),
      ),
    () => databaseCpuFrom(database.location),
  );
  return {
    perSecond: round.perSecond * perCall,
    processMs: round.processMs / perCall,
    databaseMs: round.databaseMs / perCall,
  };
}

try {
  for (const side of sides) await measure(side, WARMUP);
  for (let round = 0; round < rounds; round++)
    for (const side of sides) side.rounds.push(await measure(side, ROUND));
  const [rawSide] = sides;
  const rawRate = median(rawSide?.rounds.map((round) => round.perSecond) ?? []);
  console.log(
    `PostgreSQL, PUT labelled (Primary) in process, ${CALLERS} callers, ${rounds} alternated rounds of ${ROUND}, medians:`,
  );
  console.log(
    '| Write | Writes/s | Of raw | Process CPU ms per write | PostgreSQL CPU ms per write |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const side of sides) {
    const of = (pick: (round: Round) => number) => median(side.rounds.map(pick));
    const rate = of((round) => round.perSecond);
    console.log(
      `| ${side.name} | ${rate.toFixed(0)} | ${(rate / rawRate).toFixed(2)} | ${of((round) => round.processMs).toFixed(3)} | ${of((round) => round.databaseMs).toFixed(3)} |`,
    );
  }
} finally {
  await pool.end();
  await raw.close();
  await store.close();
  await database.drop();
}
