// The in-process benchmark (npm run bench:in-process): batch create and batch read through the
// core, with no HTTP, against the raw baseline, one after the other on the same machine. It
// tells how much of the gap between the server and raw is the API's own work (record checks,
// current types, rules, paging) and how much is HTTP and JSON.
import { parseArgs } from 'node:util';
import { createCore } from '../src/core/create-core.js';
import { resolveObjectType } from '../src/core/object-types.js';
import type { Store } from '../src/core/ports.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { createDatabase, postgresReachable, type Engine } from './lib/databases.js';
import { machine, writeSection } from './lib/docs.js';
import { summarise } from './lib/load.js';
import { openRawBaseline, type Pair, type RawBaseline } from './lib/raw-baselines.js';

const DOC = new URL('../docs/performance.md', import.meta.url);
const PORTAL = 1;
const BATCHES = 40;
const WARMUP = 5;
const COMPANIES = 2000;
/** Batch read: every contact's companies, ten each. */
const FAN_OUT = 10;

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'sqlite,postgres' },
    'no-write': { type: 'boolean', default: false },
  },
});

const path = { from: resolveObjectType('contacts'), to: resolveObjectType('companies') };
const UNLABELED = { category: 'HUBSPOT_DEFINED', typeId: 279 } as const;

interface Result {
  readonly engine: Engine;
  readonly operation: string;
  readonly coreMs: number;
  readonly rawMs: number;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function openStore(engine: Engine, location: string): Promise<Store> {
  return engine === 'sqlite'
    ? new SqliteStore({ filename: location })
    : PostgresStore.open({ connectionString: location });
}

/** Both sides on databases of their own, the same operation alternating between them. */
async function measure(engine: Engine): Promise<Result[]> {
  const coreDb = await createDatabase(engine);
  const rawDb = await createDatabase(engine);
  const store = await openStore(engine, coreDb.location);
  const raw: RawBaseline = await openRawBaseline(engine, rawDb.location);
  try {
    const core = createCore({ store });
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
    const contacts = (await insert('0-1', BATCHES + WARMUP)).map((record) => record.id);
    const companies = (await insert('0-2', COMPANIES)).map((record) => record.id);
    // The raw side stores the same ids: contact i with every company.
    const create = { core: [] as number[], raw: [] as number[] };
    for (const [index, contact] of contacts.entries()) {
      const inputs = companies.map((company) => ({
        fromId: contact,
        toId: company,
        types: [UNLABELED],
      }));
      const pairs = companies.map((company): Pair => [contact, company]);
      const coreMs = await timed(() => core.associations.createLabelled(PORTAL, path, inputs));
      const rawMs = await timed(() => raw.insertPairs(pairs));
      if (index < WARMUP) continue;
      create.core.push(coreMs);
      create.raw.push(rawMs);
    }
    // Every contact now has 2,000 companies; a batch read of 1,000 needs ten each, so it reads
    // fresh contacts associated the same way as the HTTP benchmark's.
    const readers = (await insert('0-1', 1000)).map((record) => record.id);
    const fanOut = readers.flatMap((contact, index) =>
      Array.from({ length: FAN_OUT }, (_, k) => ({
        fromId: contact,
        toId: companies[(index * 7 + k) % COMPANIES] ?? 0,
        types: [UNLABELED],
      })),
    );
    for (let start = 0; start < fanOut.length; start += 2000) {
      const inputs = fanOut.slice(start, start + 2000);
      await core.associations.createLabelled(PORTAL, path, inputs);
      await raw.insertPairs(inputs.map((input): Pair => [input.fromId, input.toId]));
    }
    const read = { core: [] as number[], raw: [] as number[] };
    for (let index = 0; index < BATCHES + WARMUP; index++) {
      const coreMs = await timed(() =>
        core.associations.batchRead(
          PORTAL,
          path,
          readers.map((id) => ({ id })),
        ),
      );
      const rawMs = await timed(() => raw.readTargets(readers));
      if (index < WARMUP) continue;
      read.core.push(coreMs);
      read.raw.push(rawMs);
    }
    return [
      { engine, operation: 'batch create, 2,000 inputs', ...medians(create) },
      { engine, operation: 'batch read, 1,000 ids × 10', ...medians(read) },
    ];
  } finally {
    await raw.close();
    await store.close();
    await coreDb.drop();
    await rawDb.drop();
  }
}

function medians(times: { core: number[]; raw: number[] }) {
  // Only the percentiles of `summarise` are wanted here, not its rate.
  return { coreMs: summarise(times.core, 1).p50Ms, rawMs: summarise(times.raw, 1).p50Ms };
}

async function main(): Promise<void> {
  const engines = values.engines.split(',') as Engine[];
  if (engines.includes('postgres') && !(await postgresReachable())) {
    throw new Error('PostgreSQL is not reachable; pass --engines sqlite to benchmark SQLite only');
  }
  const results: Result[] = [];
  for (const engine of engines) results.push(...(await measure(engine)));
  const rows = results.map(
    (r) =>
      `| ${r.engine} | ${r.operation} | ${r.coreMs.toFixed(1)} | ${r.rawMs.toFixed(1)} | ${(r.rawMs / r.coreMs).toFixed(2)} |`,
  );
  const table = [
    '| Engine | Operation | Core, median ms | Raw, median ms | Raw/core |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  console.log(table);
  if (values['no-write']) return;
  await writeSection(
    DOC,
    'in-process',
    `Measured on ${machine()} with \`npm run bench:in-process\`.\n\n${table}`,
  );
}

await main();
