// The p99 target read by wrk (npm run bench:tail): each single-pair workload and the HTTP ceiling,
// warmed as in the full bench, then its requests sent by wrk, a load generator written in C that
// collects no garbage of its own; p50, p90, p99 and p99.9 as wrk timed each answer.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { assertEnginesReachable, type Engine } from './lib/databases.js';
import { inServerLatency, onWarmServer } from './lib/measure.js';
import { WORKLOADS, type Workload } from './lib/workloads.js';

const SCRIPT = fileURLToPath(new URL('./lib/tail.lua', import.meta.url));

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'sqlite,postgres' },
    connections: { type: 'string', default: '10' },
    /** Workloads whose names contain one of these, `|`-separated (default: every single-pair one). */
    only: { type: 'string' },
  },
});

/** Latencies of one run as wrk timed them, in ms. */
interface Tail {
  readonly requests: number;
  /** The asked-for answers over the time from wrk's start until the last of them. */
  readonly requestsPerSecond: number;
  readonly failures: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
}

function assertWrkInstalled(): void {
  const probe = spawnSync('wrk', ['--version']);
  if (probe.error) {
    throw new Error('bench:tail sends its load with wrk: install it first (apt-get install wrk)');
  }
}

/**
 * Sends the requests of `file`, in order, with wrk over `connections` until `wanted` answers have
 * come, then stops it (wrk ends a run early on SIGINT and prints what it measured).
 */
async function wrk(url: string, connections: number, file: string, wanted: number): Promise<Tail> {
  const child = spawn(
    'wrk',
    [
      '-t1',
      `-c${connections}`,
      '-d600s',
      '--timeout',
      '10s',
      '-s',
      SCRIPT,
      url,
      '--',
      file,
      `${wanted}`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const started = performance.now();
  let answeredMs = NaN;
  let summary: string | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === 'tail: answered') {
      answeredMs = performance.now() - started;
      child.kill('SIGINT');
    }
    if (line.startsWith('tail: requests=')) summary = line;
  }
  const fields = Object.fromEntries(
    (summary ?? '').split(' ').flatMap((field) => {
      const [name, value] = field.split('=');
      return value === undefined ? [] : [[name, Number(value)]];
    }),
  ) as Record<string, number>;
  if (summary === undefined) throw new Error('wrk printed no summary');
  const ms = (name: string) => (fields[name] ?? NaN) / 1000;
  return {
    requests: fields['requests'] ?? 0,
    requestsPerSecond: (wanted / answeredMs) * 1000,
    failures: (fields['non2xx'] ?? 0) + (fields['errors'] ?? 0),
    p50: ms('p50'),
    p90: ms('p90'),
    p99: ms('p99'),
    p999: ms('p999'),
  };
}

/** One workload on a fresh server: set up and warmed as `bench/run.ts` does, measured by wrk. */
function measureTail(engine: Engine, workload: Workload, connections: number) {
  return onWarmServer(engine, workload, connections, async (server, _database, request) => {
    const folder = mkdtempSync(join(tmpdir(), 'has-tail-'));
    try {
      const file = join(folder, 'requests.tsv');
      const lines = Array.from({ length: workload.requests }, (_, index) => {
        const { method, path, body } = request(index);
        return `${method}\t${path}\t${body ?? ''}`;
      });
      writeFileSync(file, `${lines.join('\n')}\n`);
      // why: wrk sends for a while after it is told to stop (up to a tenth of a run at 10,000 a
      // second); those requests must be the workload's own, not repeats of pairs already written.
      const wanted = workload.requests - Math.max(connections * 20, workload.requests / 10);
      const tail = await wrk(server.url, connections, file, wanted);
      return { ...tail, ...(await inServerLatency(server, workload.requests)) };
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
}

assertWrkInstalled();
const engines = values.engines.split(',') as Engine[];
await assertEnginesReachable(engines);
const connectionCounts = values.connections.split(',').map(Number);
const workloads = WORKLOADS.filter(
  (w) =>
    (w.kind === 'single' || w.kind === 'ceiling') &&
    (!values.only || values.only.split('|').some((name) => w.name.includes(name))),
);
const rows: string[] = [];
for (const engine of engines) {
  for (const workload of workloads) {
    for (const connections of connectionCounts) {
      const tail = await measureTail(engine, workload, connections);
      const row = `| ${engine} | ${workload.name} | ${connections} | ${tail.requests.toLocaleString('en')} | ${Math.round(tail.requestsPerSecond).toLocaleString('en')} | ${tail.p50.toFixed(2)} | ${tail.p90.toFixed(2)} | ${tail.p99.toFixed(2)} | ${tail.p999.toFixed(2)} | ${(tail.p99 / tail.p50).toFixed(1)}× | ${tail.inServerP50Ms.toFixed(1)} / ${tail.inServerP99Ms.toFixed(1)} | ${tail.failures} |`;
      console.log(row);
      rows.push(row);
    }
  }
}
console.log(
  [
    '',
    '| Engine | Workload | Connections | Requests | Requests/s | p50 ms | p90 ms | p99 ms | p99.9 ms | p99/p50 | In server p50 / p99 ms | Failures |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n'),
);
