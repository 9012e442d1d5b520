// What one webhook subscription costs a write (npm run bench:events): v4 batch creates of 2,000
// inputs (with `--workload put` or `delete`, v4 PUTs labelled of a new pair or DELETEs of a
// linked one) in blocks, with the app's `contact.associationChange` subscription on and off by
// turns, on one server over one database, so that the ratio is free of the drift between runs.
import { parseArgs } from 'node:util';
import { databaseCpuOf } from './lib/database-cpu.js';
import { createDatabase, assertEnginesReachable, type Engine } from './lib/databases.js';
import { runLoad } from './lib/load.js';
import { fixedOrDash } from './lib/report.js';
import { sender } from './lib/measure.js';
import { startBenchServer } from './lib/server-process.js';
import {
  acceptingTarget,
  batchCreate,
  deletePair,
  putLabelled,
  REFUSING_TARGET,
  setSubscriptionActive,
  subscribeToAssociationChanges,
} from './lib/workloads.js';

/** What each request writes: 2,000 new pairs, one, or one pair removed. */
const WORKLOADS = { batch: batchCreate, put: putLabelled, delete: deletePair } as const;
/** Requests per block when `--block-requests` is not given. */
const BLOCK_REQUESTS = { batch: 10, put: 2000, delete: 2000 } as const;

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'sqlite,postgres' },
    connections: { type: 'string', default: '1,10' },
    /** Blocks per setting; they go on, off, off, on, … (ABBA), so a steady drift cancels out. */
    blocks: { type: 'string', default: '8' },
    /**
     * `batch`: v4 batch create of 2,000 inputs; `put`: v4 PUT labelled (Primary) of a new pair;
     * `delete`: v4 DELETE of a linked pair.
     */
    workload: { type: 'string', default: 'batch' },
    /** Requests per block: 10 batch creates, or 2,000 PUTs or DELETEs. */
    'block-requests': { type: 'string' },
    /** `refuse`: the target refuses connections (the cost of logging); `accept`: a receiver. */
    target: { type: 'string', default: 'refuse' },
    /** `off`: the server sends nothing (`serve --webhook-delivery off`): the write's own cost. */
    delivery: { type: 'string', default: 'on' },
  },
});

if (!(values.workload in WORKLOADS)) throw new Error('--workload is batch, put or delete');
const workloadName = values.workload as keyof typeof WORKLOADS;
const workload = WORKLOADS[workloadName];
const perBlock = Number(values['block-requests'] ?? BLOCK_REQUESTS[workloadName]);
/**
 * Requests of each of the two warm-up blocks (on, then off): a block, or half the workload's own
 * warm-up when that is longer (a server answering single PUTs is warm after about 20,000).
 */
const warmBlock = Math.max(perBlock, Math.ceil(workload.warmup / 2));

/** Totals of the blocks of one setting. */
interface Tally {
  requests: number;
  seconds: number;
  mainCpuMs: number;
  otherCpuMs: number;
  /** PostgreSQL's backends for the server's database; NaN on SQLite. */
  databaseCpuMs: number;
}

const empty = (): Tally => ({
  requests: 0,
  seconds: 0,
  mainCpuMs: 0,
  otherCpuMs: 0,
  databaseCpuMs: 0,
});

async function measure(engine: Engine, connections: number) {
  const blocks = Number(values.blocks) * 2;
  const database = await createDatabase(engine);
  const server = await startBenchServer(database.location, [
    '--webhook-delivery',
    values.delivery === 'off' ? 'off' : 'on',
  ]);
  try {
    const send = sender(server);
    // One contact per request (warm-up blocks included): every request writes new pairs.
    const setup = await workload.setup(send, 2 * warmBlock + blocks * perBlock);
    const target = values.target === 'accept' ? await acceptingTarget() : REFUSING_TARGET;
    const subscription = await subscribeToAssociationChanges(send, target);
    const tallies = { on: empty(), off: empty() };
    let next = 0;
    for (let block = -2; block < blocks; block++) {
      // Two warm-up blocks (on, off), then on, off, off, on, on, off, …
      const on = block < 0 ? block === -2 : [0, 3].includes(block % 4);
      await setSubscriptionActive(send, subscription, on);
      const first = next;
      const count = block < 0 ? warmBlock : perBlock;
      next += count;
      const before = server.cpuMs();
      const databaseCpu = await databaseCpuOf(engine, database.location);
      const result = await runLoad(server.url, connections, count, (index) =>
        workload.request(setup, first + index),
      );
      const databaseMs = await databaseCpu();
      const after = server.cpuMs();
      if (result.failures > 0) throw new Error(`${result.failures} requests failed`);
      if (block < 0) continue;
      const tally = on ? tallies.on : tallies.off;
      tally.requests += result.requests;
      tally.seconds += result.requests / result.requestsPerSecond;
      tally.mainCpuMs += after.main - before.main;
      tally.otherCpuMs += after.others - before.others;
      tally.databaseCpuMs += databaseMs;
    }
    const rate = (tally: Tally) => (tally.requests / tally.seconds) * workload.unitsPerRequest;
    // PostgreSQL's column reads NaN on SQLite, whose statements run in the server's own process.
    const cpu = (tally: Tally, ms: number) =>
      fixedOrDash(ms / tally.requests, workloadName === 'batch' ? 1 : 3);
    const { on, off } = tallies;
    console.log(
      `| ${engine} | ${connections} | ${Math.round(rate(off))} | ${Math.round(rate(on))} | ${(rate(on) / rate(off)).toFixed(2)} | ${cpu(off, off.mainCpuMs)} / ${cpu(on, on.mainCpuMs)} | ${cpu(off, off.otherCpuMs)} / ${cpu(on, on.otherCpuMs)} | ${cpu(off, off.databaseCpuMs)} / ${cpu(on, on.databaseCpuMs)} |`,
    );
  } finally {
    await server.stop();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const engines = values.engines.split(',') as Engine[];
  await assertEnginesReachable(engines);
  console.log(
    `${workload.name}; target ${values.target}; delivery ${values.delivery}; ${values.blocks} blocks of ${perBlock} requests per setting.\n`,
  );
  console.log(
    '| Engine | Conn | No subscription (associations/s) | One subscription | Ratio | Main-thread CPU ms/request (none / one) | Other threads (none / one) | PostgreSQL (none / one) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const engine of engines) {
    for (const connections of values.connections.split(',').map(Number)) {
      await measure(engine, connections);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
