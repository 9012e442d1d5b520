// The benchmarks (npm run bench): every workload over HTTP and raw, on each engine and at several
// concurrencies; prints each measurement and writes the tables into docs/performance.md.
import { parseArgs } from 'node:util';
import { assertEnginesReachable, type Engine } from './lib/databases.js';
import { machine, writeSection } from './lib/docs.js';
import { measure, type Measurement } from './lib/measure.js';
import { ceilingTable, cpuTable, fixedOrDash, resultsTable, targetsTable } from './lib/report.js';
import { WORKLOADS } from './lib/workloads.js';

const DOC = new URL('../docs/performance.md', import.meta.url);
/** The concurrency of the CPU table: the one the latency target is set at. */
const CPU_TABLE_CONNECTIONS = 10;

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'sqlite,postgres' },
    connections: { type: 'string', default: '1,10,50' },
    only: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    /** Scales every workload's request count (0.5 halves a run); setups stay the same. */
    scale: { type: 'string', default: '1' },
  },
});

async function main(): Promise<void> {
  const engines = values.engines.split(',') as Engine[];
  await assertEnginesReachable(engines);
  const connections = values.connections.split(',').map(Number);
  const scale = Number(values.scale);
  // The warm-up is not scaled: a shorter run of a colder server would measure something else.
  const workloads = WORKLOADS.filter(
    (w) => !values.only || values.only.split('|').some((name) => w.name.includes(name)),
  ).map((w) => ({ ...w, requests: Math.max(1, Math.round(w.requests * scale)) }));
  const measurements: Measurement[] = [];
  for (const engine of engines) {
    for (const workload of workloads) {
      for (const count of connections) {
        const m = await measure(engine, workload, count);
        measurements.push(m);
        const ratio = fixedOrDash(m.serverUnitsPerSecond / m.rawUnitsPerSecond);
        console.log(
          `${engine} | ${workload.name} | ${count} conn | ${Math.round(m.serverUnitsPerSecond)} ${m.unit} | raw ${fixedOrDash(m.rawUnitsPerSecond, 0)} | ratio ${ratio} | p50 ${m.p50Ms.toFixed(2)} p99 ${m.p99Ms.toFixed(2)} ms (in server ${m.inServerP50Ms.toFixed(1)} / ${m.inServerP99Ms.toFixed(1)}) | ${m.peakRssMb.toFixed(0)} MiB | failures ${m.failures} | CPU ms/request: main ${m.serverMainCpuMs.toFixed(2)}, other threads ${m.serverOtherCpuMs.toFixed(1)}, load generator ${m.loadGeneratorCpuMs.toFixed(1)}, raw ${fixedOrDash(m.rawCpuMs, 1)}, PostgreSQL for the server ${fixedOrDash(m.serverDatabaseCpuMs, 1)}, for raw ${fixedOrDash(m.rawDatabaseCpuMs, 1)}`,
        );
      }
    }
  }
  if (values['no-write']) {
    // The ceiling's ratios and the main thread's CPU beside it, for runs that leave the doc alone.
    console.log(`\n${ceilingTable(measurements)}`);
    return;
  }
  const cpuConnections = connections.includes(CPU_TABLE_CONNECTIONS)
    ? CPU_TABLE_CONNECTIONS
    : (connections[0] ?? 1);
  const body = [
    `Measured on ${machine()} with \`npm run bench\`.`,
    '',
    targetsTable(measurements),
    '',
    resultsTable(measurements),
    '',
    'Single-pair operations beside the HTTP ceiling (the same server, just before and just after each; same concurrency):',
    '',
    ceilingTable(measurements),
    '',
    `CPU per request in ms, at ${cpuConnections} connections:`,
    '',
    cpuTable(measurements, cpuConnections),
  ].join('\n');
  await writeSection(DOC, 'bench', body);
}

await main();
