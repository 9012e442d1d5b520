// Two builds side by side in one process (npm run bench:compare -- <other checkout>): single PUTs
// labelled through each one's core, alternated in rounds, so that this machine's drift, which
// moves a rate by up to 2 × over minutes, falls on both alike. It tells whether a change to the
// core or a store made a single write cheaper; `bench:in-process` gives the level against raw.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as CreateCore from '../src/core/create-core.js';
import type * as ObjectTypes from '../src/core/object-types.js';
import type { Store } from '../src/core/ports.js';
import type * as EventWriter from '../src/events/event-writer.js';
import type * as Postgres from '../src/store/postgres/postgres-store.js';
import type * as Sqlite from '../src/store/sqlite/sqlite-store.js';
import { databaseCpuOf } from './lib/database-cpu.js';
import { createDatabase, type BenchDatabase, type Engine } from './lib/databases.js';
import { median } from './lib/report.js';

const PORTAL = 1;
const PRIMARY = { category: 'HUBSPOT_DEFINED', typeId: 1 } as const;
/** As the HTTP bench's single-pair workloads: V8 has optimised the path after about 5,000. */
const WARMUP = 6000;
const ROUND = 2000;
const CALLERS = 10;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    engine: { type: 'string', default: 'postgres' },
    rounds: { type: 'string', default: '8' },
  },
});
const [other] = positionals;
if (other === undefined) throw new Error('usage: npm run bench:compare -- <other checkout>');
const engine = values.engine as Engine;
const rounds = Number(values.rounds);

interface Round {
  readonly perSecond: number;
  /** This process's CPU per PUT (the core, the driver and, on SQLite, the database). */
  readonly processMs: number;
  /** PostgreSQL's backends' CPU per PUT (NaN on SQLite). */
  readonly databaseMs: number;
}

interface Side {
  readonly root: string;
  readonly database: BenchDatabase;
  readonly store: Store;
  readonly put: (count: number) => Promise<Round>;
  readonly rounds: Round[];
}

/** One checkout's core on a database of its own, with its contacts and a company to put. */
async function sideOf(root: string): Promise<Side> {
  const load = <T>(path: string) => import(pathToFileURL(resolve(root, path)).href) as Promise<T>;
  const { createCore } = await load<typeof CreateCore>('src/core/create-core.ts');
  const { eventLogWriter } = await load<typeof EventWriter>('src/events/event-writer.ts');
  const { resolveObjectType } = await load<typeof ObjectTypes>('src/core/object-types.ts');
  const database = await createDatabase(engine);
  const store: Store =
    engine === 'sqlite'
      ? new (await load<typeof Sqlite>('src/store/sqlite/sqlite-store.ts')).SqliteStore({
          filename: database.location,
        })
      : await (
          await load<typeof Postgres>('src/store/postgres/postgres-store.ts')
        ).PostgresStore.open({ connectionString: database.location });
  const core = createCore({ store });
  // As the server does: each changing write reads the subscriptions its events may follow.
  core.deliveries.logEventsWith(eventLogWriter(core.clock));
  await core.portals.ensure(PORTAL, 'bench');
  const insert = (type: string, count: number) =>
    store.transaction((tx) =>
      tx.insertRecords(
        PORTAL,
        type,
        Array.from({ length: count }, () => ({ properties: {} })),
        new Date(),
      ),
    );
  const contacts = (await insert('0-1', WARMUP + ROUND * rounds)).map((record) => record.id);
  const [company] = await insert('0-2', 1);
  const path = { from: resolveObjectType('contacts'), to: resolveObjectType('companies') };
  let next = 0;
  const put = async (count: number): Promise<Round> => {
    const end = next + count;
    const databaseCpu = await databaseCpuOf(engine, database.location);
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (next < end) {
          const fromId = contacts[next++] ?? 0;
          await core.associations.createLabelled(PORTAL, path, [
            { fromId, toId: company?.id ?? 0, types: [PRIMARY] },
          ]);
        }
      }),
    );
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return {
      perSecond: (count / ms) * 1000,
      processMs: (used.user + used.system) / 1000 / count,
      databaseMs: (await databaseCpu()) / count,
    };
  };
  return { root, database, store, put, rounds: [] };
}

const sides = [
  await sideOf(resolve('.')),
  await sideOf(isAbsolute(other) ? other : resolve(other)),
];
try {
  for (const side of sides) await side.put(WARMUP);
  for (let round = 0; round < rounds; round++)
    for (const side of sides) side.rounds.push(await side.put(ROUND));
  console.log(
    `${engine}, PUT labelled (Primary), ${CALLERS} callers, ${rounds} alternated rounds of ${ROUND}, medians:`,
  );
  console.log('| Checkout | PUTs/s | Process CPU ms per PUT | PostgreSQL CPU ms per PUT |');
  console.log('| --- | --- | --- | --- |');
  for (const side of sides) {
    const of = (pick: (round: Round) => number) => median(side.rounds.map(pick)).toFixed(3);
    console.log(
      `| ${side.root} | ${median(side.rounds.map((round) => round.perSecond)).toFixed(0)} | ${of((round) => round.processMs)} | ${of((round) => round.databaseMs)} |`,
    );
  }
} finally {
  for (const side of sides) {
    await side.store.close();
    await side.database.drop();
  }
}
