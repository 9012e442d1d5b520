// The floor of a single write (npm run bench:floor): v4 PUT labelled over HTTP as the server does
// it, and the same request answered after no SQL, after the insert alone, and after the fewest
// statements that make HubSpot's checks; each beside the HTTP ceiling, in one server, in turns.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createDatabase } from './lib/databases.js';
import { runLoad, type BenchRequest } from './lib/load.js';
import { sender } from './lib/measure.js';
import { median } from './lib/report.js';
import { startServerProcess, type CommandedServer } from './lib/server-process.js';
import { recordsOf, SINGLE_WARMUP, type Setup } from './lib/workloads.js';

const CHILD = fileURLToPath(new URL('./lib/floor-child.mjs', import.meta.url));
const DIST = new URL('../dist/', import.meta.url).href;

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '1,10' },
    requests: { type: 'string', default: '3000' },
  },
});

/** What is measured: the ceiling, then the PUT's modes (bench/lib/floor-child.mjs). */
const STEPS = ['ceiling', 'core', 'answer', 'insert', 'checked'] as const;
type Step = (typeof STEPS)[number];
const LABELS: Readonly<Record<Step, string>> = {
  ceiling: 'HTTP ceiling (GET whoami)',
  core: 'PUT labelled, the server’s write',
  answer: 'PUT labelled, no SQL (answer only)',
  insert: 'PUT labelled, the 4 rows inserted (raw’s transaction)',
  checked: 'PUT labelled, fewest statements with the checks',
};
/**
 * Requests before the measured ones, for each step: its route's code optimised and the server as
 * warm as in a running one. As the HTTP bench's single-pair workloads (see there): with 2,000 the
 * ceiling was measured at about half its warm rate.
 */
const WARMUP = SINGLE_WARMUP;
const PRIMARY = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 };

interface Run {
  readonly step: Step;
  readonly connections: number;
  readonly round: number;
  readonly requestsPerSecond: number;
  readonly mainUs: number;
  readonly othersUs: number;
  readonly loadGeneratorUs: number;
  readonly failures: number;
}

/** Hands out contacts never linked before: every measured PUT creates a new pair. */
function freshPairs(setup: Setup) {
  let next = 0;
  return (): BenchRequest => {
    const contact = setup.contacts[next++];
    if (contact === undefined) throw new Error('the setup made too few contacts');
    return {
      method: 'PUT',
      path: `/crm/v4/objects/contacts/${contact}/associations/companies/${setup.companies[0]}`,
      body: JSON.stringify([PRIMARY]),
    };
  };
}

async function measureStep(
  server: CommandedServer,
  step: Step,
  connections: number,
  amount: number,
  nextPut: () => BenchRequest,
) {
  if (step !== 'ceiling') {
    const answer = await server.command(`mode ${step}`);
    if (answer !== `mode ${step}`) throw new Error(`the server answered ${answer}`);
  }
  const request = (): BenchRequest =>
    step === 'ceiling' ? { method: 'GET', path: '/_emulator/whoami' } : nextPut();
  const before = server.cpuMs();
  const result = await runLoad(server.url, connections, amount, request);
  const after = server.cpuMs();
  return {
    requestsPerSecond: result.requestsPerSecond,
    mainUs: ((after.main - before.main) / result.requests) * 1000,
    othersUs: ((after.others - before.others) / result.requests) * 1000,
    loadGeneratorUs: (result.loadGeneratorCpuMs / result.requests) * 1000,
    failures: result.failures,
  };
}

async function round(index: number, connections: number[], requests: number): Promise<Run[]> {
  const database = await createDatabase('sqlite');
  const server = await startServerProcess([CHILD, DIST, database.location]);
  try {
    const puts = STEPS.length - 1;
    const contacts = WARMUP * puts + requests * puts * connections.length;
    const nextPut = freshPairs(await recordsOf(sender(server), contacts, 1));
    for (const step of STEPS) await measureStep(server, step, 10, WARMUP, nextPut);
    const runs: Run[] = [];
    for (const count of connections) {
      // Each round starts at another step, so that no step always runs first or last.
      const order = STEPS.map((_, k) => STEPS[(k + index) % STEPS.length]!);
      for (const step of order) {
        const run = await measureStep(server, step, count, requests, nextPut);
        runs.push({ step, connections: count, round: index, ...run });
        console.log(
          `round ${index + 1} | ${count} conn | ${LABELS[step]} | ${Math.round(run.requestsPerSecond)}/s | CPU µs/request: main ${run.mainUs.toFixed(0)}, other threads ${run.othersUs.toFixed(0)}, load generator ${run.loadGeneratorUs.toFixed(0)} | failures ${run.failures}`,
        );
      }
    }
    return runs;
  } finally {
    await server.stop();
    await database.drop();
  }
}

const range = (numbers: readonly number[], digits: number) =>
  `${Math.min(...numbers).toFixed(digits)}–${Math.max(...numbers).toFixed(digits)}`;

/** Per step and concurrency: its rate over the same round's ceiling, and its CPU per request. */
function table(runs: readonly Run[], connections: number[]): string {
  const lines = [
    '| Request | Connections | Requests a second | Over the ceiling (median) | Main thread µs | Other threads µs | Load generator µs |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const count of connections) {
    for (const step of STEPS) {
      const mine = runs.filter((run) => run.step === step && run.connections === count);
      const ratios = mine.map((run) => {
        const ceiling = runs.find(
          (other) =>
            other.step === 'ceiling' && other.round === run.round && other.connections === count,
        );
        return run.requestsPerSecond / ceiling!.requestsPerSecond;
      });
      const ratio = step === 'ceiling' ? '—' : `${range(ratios, 2)} (${median(ratios).toFixed(2)})`;
      lines.push(
        `| ${LABELS[step]} | ${count} | ${range(
          mine.map((run) => run.requestsPerSecond),
          0,
        )} | ${ratio} | ${range(
          mine.map((run) => run.mainUs),
          0,
        )} | ${range(
          mine.map((run) => run.othersUs),
          0,
        )} | ${range(
          mine.map((run) => run.loadGeneratorUs),
          0,
        )} |`,
      );
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const connections = values.connections.split(',').map(Number);
  const requests = Number(values.requests);
  const runs: Run[] = [];
  for (let index = 0; index < Number(values.rounds); index++) {
    runs.push(...(await round(index, connections, requests)));
  }
  const failures = runs.reduce((sum, run) => sum + run.failures, 0);
  console.log(`\n${table(runs, connections)}`);
  if (failures > 0) throw new Error(`${failures} requests failed`);
}

await main();
