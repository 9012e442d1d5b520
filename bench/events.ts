// What one webhook subscription costs a write (npm run bench:events): v4 batch creates of 2,000
// inputs in blocks, with the app's `contact.associationChange` subscription on and off by turns,
// on one server over one database, so that the ratio is free of the drift between separate runs.
import { parseArgs } from 'node:util';
import { createDatabase, assertEnginesReachable, type Engine } from './lib/databases.js';
import { runLoad } from './lib/load.js';
import { sender } from './lib/measure.js';
import { startBenchServer } from './lib/server-process.js';
import {
  acceptingTarget,
  batchCreate,
  recordsOf,
  REFUSING_TARGET,
  setSubscriptionActive,
  subscribeToAssociationChanges,
} from './lib/workloads.js';

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'sqlite,postgres' },
    connections: { type: 'string', default: '1,10' },
    /** Blocks per setting; they go on, off, off, on, … (ABBA), so a steady drift cancels out. */
    blocks: { type: 'string', default: '8' },
    'block-requests': { type: 'string', default: '10' },
    /** `refuse`: the target refuses connections (the cost of logging); `accept`: a receiver. */
    target: { type: 'string', default: 'refuse' },
  },
});

const ASSOCIATIONS_PER_REQUEST = batchCreate.unitsPerRequest;

/** Totals of the blocks of one setting. */
interface Tally {
  requests: number;
  seconds: number;
  mainCpuMs: number;
  otherCpuMs: number;
}

const empty = (): Tally => ({ requests: 0, seconds: 0, mainCpuMs: 0, otherCpuMs: 0 });

async function measure(engine: Engine, connections: number) {
  const blocks = Number(values.blocks) * 2;
  const perBlock = Number(values['block-requests']);
  const database = await createDatabase(engine);
  const server = await startBenchServer(database.location);
  try {
    const send = sender(server);
    // One contact per request (warm-up blocks included): every request writes 2,000 new pairs.
    const setup = await recordsOf(send, (blocks + 2) * perBlock, 2000);
    const target = values.target === 'accept' ? await acceptingTarget() : REFUSING_TARGET;
    const subscription = await subscribeToAssociationChanges(send, target);
    const tallies = { on: empty(), off: empty() };
    let next = 0;
    for (let block = -2; block < blocks; block++) {
      // Two warm-up blocks (on, off), then on, off, off, on, on, off, …
      const on = block < 0 ? block === -2 : [0, 3].includes(block % 4);
      await setSubscriptionActive(send, subscription, on);
      const first = next;
      next += perBlock;
      const before = server.cpuMs();
      const result = await runLoad(server.url, connections, perBlock, (index) =>
        batchCreate.request(setup, first + index),
      );
      const after = server.cpuMs();
      if (result.failures > 0) throw new Error(`${result.failures} requests failed`);
      if (block < 0) continue;
      const tally = on ? tallies.on : tallies.off;
      tally.requests += result.requests;
      tally.seconds += result.requests / result.requestsPerSecond;
      tally.mainCpuMs += after.main - before.main;
      tally.otherCpuMs += after.others - before.others;
    }
    const rate = (tally: Tally) => (tally.requests / tally.seconds) * ASSOCIATIONS_PER_REQUEST;
    const cpu = (tally: Tally, ms: number) => (ms / tally.requests).toFixed(1);
    const { on, off } = tallies;
    console.log(
      `| ${engine} | ${connections} | ${Math.round(rate(off))} | ${Math.round(rate(on))} | ${(rate(on) / rate(off)).toFixed(2)} | ${cpu(off, off.mainCpuMs)} / ${cpu(on, on.mainCpuMs)} | ${cpu(off, off.otherCpuMs)} / ${cpu(on, on.otherCpuMs)} |`,
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
    `Target ${values.target}; ${values.blocks} blocks of ${values['block-requests']} requests per setting.\n`,
  );
  console.log(
    '| Engine | Conn | No subscription (associations/s) | One subscription | Ratio | Main-thread CPU ms/request (none / one) | Other threads (none / one) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
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
