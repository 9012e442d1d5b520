// The in-process benchmark (npm run bench:in-process): batch create, batch read and single PUTs
// through the core, with no HTTP, against the raw baseline, on the same machine. It
// tells how much of the gap between the server and raw is the API's own work (record checks,
// current types, rules, paging) and how much is HTTP and JSON.
import { parseArgs } from 'node:util';
import { createCore } from '../src/core/create-core.js';
import { resolveObjectType } from '../src/core/object-types.js';
import { eventLogWriter } from '../src/events/event-writer.js';
import type { Store } from '../src/core/ports.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { databaseCpuOf } from './lib/database-cpu.js';
import { createDatabase, assertEnginesReachable, type Engine } from './lib/databases.js';
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
/** Single PUTs labelled per measurement, after `PUT_WARMUP` that are not counted (as many: V8
 * optimises a path's code only after it has run a while, see bench/lib/workloads.ts). */
const PUTS = 2000;
const PUT_WARMUP = 2000;
/** Callers putting at once: one after another, and ten side by side as the HTTP bench's load. */
const PUT_CALLERS = [1, 10];

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'sqlite,postgres' },
    'no-write': { type: 'boolean', default: false },
  },
});

const path = { from: resolveObjectType('contacts'), to: resolveObjectType('companies') };
const UNLABELED = { category: 'HUBSPOT_DEFINED', typeId: 279 } as const;
const PRIMARY = { category: 'HUBSPOT_DEFINED', typeId: 1 } as const;

interface Result {
  readonly engine: Engine;
  readonly operation: string;
  readonly coreMs: number;
  readonly rawMs: number;
}

/** Single writes' rate and the CPU each took, from this process and from PostgreSQL's backends. */
interface PutResult {
  readonly engine: Engine;
  readonly callers: number;
  readonly core: PutCost;
  readonly raw: PutCost;
}

interface PutCost {
  readonly perSecond: number;
  /** This process's CPU per write: the core's JavaScript and the driver (SQLite's work too). */
  readonly processMs: number;
  /** PostgreSQL's backends' CPU per write (NaN on SQLite, whose work is the process's). */
  readonly databaseMs: number;
}

/**
 * `count` writes by `callers` callers side by side, each taking the next index: their rate, and
 * the CPU spent per write by this process and by the database's backends.
 */
async function putCost(
  count: number,
  callers: number,
  databaseCpu: () => Promise<() => Promise<number>>,
  put: (index: number) => Promise<unknown>,
): Promise<PutCost> {
  const database = await databaseCpu();
  const cpu = process.cpuUsage();
  let next = 0;
  const ms = await timed(() =>
    Promise.all(
      Array.from({ length: callers }, async () => {
        while (next < count) await put(next++);
      }),
    ),
  );
  const used = process.cpuUsage(cpu);
  return {
    perSecond: (count / ms) * 1000,
    processMs: (used.user + used.system) / 1000 / count,
    databaseMs: (await database()) / count,
  };
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
async function measure(engine: Engine): Promise<{ batches: Result[]; puts: PutResult[] }> {
  const coreDb = await createDatabase(engine);
  const rawDb = await createDatabase(engine);
  const store = await openStore(engine, coreDb.location);
  const raw: RawBaseline = await openRawBaseline(engine, rawDb.location);
  try {
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
    // Single PUTs labelled (Primary), each a new pair of a fresh contact with one company, as the
    // HTTP bench's: the core's whole write (checks, rules, statements) with no HTTP around it.
    const putters = (await insert('0-1', PUT_CALLERS.length * (PUTS + PUT_WARMUP))).map(
      (record) => record.id,
    );
    const company = companies[0] ?? 0;
    const coreCpu = () => databaseCpuOf(engine, coreDb.location);
    const rawCpu = () => databaseCpuOf(engine, rawDb.location);
    const puts: PutResult[] = [];
    for (const [round, callers] of PUT_CALLERS.entries()) {
      const own = putters.slice(round * (PUTS + PUT_WARMUP), (round + 1) * (PUTS + PUT_WARMUP));
      const corePut = (index: number) =>
        core.associations.createLabelled(PORTAL, path, [
          { fromId: own[index] ?? 0, toId: company, types: [PRIMARY] },
        ]);
      const rawPut = (index: number) => raw.putLabelled([own[index] ?? 0, company]);
      await putCost(PUT_WARMUP, callers, coreCpu, corePut);
      await putCost(PUT_WARMUP, callers, rawCpu, rawPut);
      const from = (put: (index: number) => Promise<unknown>) => (index: number) =>
        put(PUT_WARMUP + index);
      puts.push({
        engine,
        callers,
        core: await putCost(PUTS, callers, coreCpu, from(corePut)),
        raw: await putCost(PUTS, callers, rawCpu, from(rawPut)),
      });
    }
    return {
      batches: [
        { engine, operation: 'batch create, 2,000 inputs', ...medians(create) },
        { engine, operation: 'batch read, 1,000 ids × 10', ...medians(read) },
      ],
      puts,
    };
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
  await assertEnginesReachable(engines);
  const results: Result[] = [];
  const puts: PutResult[] = [];
  for (const engine of engines) {
    const measured = await measure(engine);
    results.push(...measured.batches);
    puts.push(...measured.puts);
  }
  const rows = results.map(
    (r) =>
      `| ${r.engine} | ${r.operation} | ${r.coreMs.toFixed(1)} | ${r.rawMs.toFixed(1)} | ${(r.rawMs / r.coreMs).toFixed(2)} |`,
  );
  const table = [
    '| Engine | Operation | Core, median ms | Raw, median ms | Raw/core |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  const cost = (c: PutCost) =>
    Number.isNaN(c.databaseMs)
      ? c.processMs.toFixed(3)
      : `${c.processMs.toFixed(3)} + ${c.databaseMs.toFixed(3)}`;
  const putTable = [
    '| Engine | PUT labelled (Primary), one pair | Core, writes/s | Raw, writes/s | Core/raw | Core CPU ms per write (process + PostgreSQL) | Raw CPU ms per write |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...puts.map(
      (p) =>
        `| ${p.engine} | ${p.callers === 1 ? 'one caller' : `${p.callers} callers`} | ${p.core.perSecond.toFixed(0)} | ${p.raw.perSecond.toFixed(0)} | ${(p.core.perSecond / p.raw.perSecond).toFixed(2)} | ${cost(p.core)} | ${cost(p.raw)} |`,
    ),
  ].join('\n');
  console.log(`${table}\n\n${putTable}`);
  if (values['no-write']) return;
  await writeSection(
    DOC,
    'in-process',
    `Measured on ${machine()} with \`npm run bench:in-process\`.\n\n${table}\n\n${putTable}`,
  );
}

await main();
