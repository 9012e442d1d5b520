// One measurement: a workload at one concurrency on one engine, over HTTP and raw, side by side.
import { databaseCpuOf } from './database-cpu.js';
import { createDatabase, type BenchDatabase, type Engine } from './databases.js';
import { runLoad, summarise, type BenchRequest, type LoadResult } from './load.js';
import { openRawBaseline } from './raw-baselines.js';
import { startBenchServer, type BenchServer } from './server-process.js';
import { CEILING, type Send, type Setup, type Workload } from './workloads.js';

export interface Measurement {
  readonly engine: Engine;
  readonly workload: string;
  readonly kind: Workload['kind'];
  readonly unit: string;
  readonly connections: number;
  readonly serverUnitsPerSecond: number;
  /** NaN for the ceiling, which has no raw counterpart. */
  readonly rawUnitsPerSecond: number;
  /**
   * A single-pair workload's HTTP ceiling: the ceiling's requests a second on the same server,
   * measured just before and just after the workload (see `ceilingInTurns`); NaN for the others.
   */
  readonly ceilingInTurnsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly rawP50Ms: number;
  readonly rawP99Ms: number;
  /** Time inside the server (its request log), over the run's last requests (at most 200). */
  readonly inServerP50Ms: number;
  readonly inServerP99Ms: number;
  readonly peakRssMb: number;
  readonly failures: number;
  /** CPU per request, in ms: the server's main thread, its other threads, the load generator. */
  readonly serverMainCpuMs: number;
  readonly serverOtherCpuMs: number;
  readonly loadGeneratorCpuMs: number;
  /** CPU per raw operation in this process, in ms (on PostgreSQL the database's own is not in it). */
  readonly rawCpuMs: number;
  /**
   * PostgreSQL's own CPU (its processes, from /proc) per request over HTTP and per raw operation,
   * in ms; NaN on SQLite, whose statements run on the server's main thread.
   */
  readonly serverDatabaseCpuMs: number;
  readonly rawDatabaseCpuMs: number;
}

/** Sends setup requests to a bench server; a non-2xx answer throws. */
export function sender(server: BenchServer): Send {
  return async (method, path, body) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}`);
    return response.json();
  };
}

/**
 * Runs `work` on a fresh server over a fresh database, with the workload set up and the server
 * warmed as every HTTP measurement of it is; `request(index)` builds the measured requests.
 */
export async function onWarmServer<T>(
  engine: Engine,
  workload: Workload,
  connections: number,
  work: (
    server: BenchServer,
    database: BenchDatabase,
    request: (index: number) => BenchRequest,
  ) => Promise<T>,
): Promise<T> {
  const database = await createDatabase(engine);
  const server = await startBenchServer(database.location);
  try {
    const setup = await workload.setup(sender(server), workload.requests + workload.warmup);
    await database.analyze();
    const warm = (index: number) => workload.request(setup, workload.requests + index);
    await runLoad(server.url, Math.min(connections, workload.warmup), workload.warmup, warm);
    return await work(server, database, (index) => workload.request(setup, index));
  } finally {
    await server.stop();
    await database.drop();
  }
}

function overHttp(engine: Engine, workload: Workload, connections: number) {
  return onWarmServer(engine, workload, connections, async (server, database, request) => {
    const ceiling = workload.kind === 'single' ? await ceilingInTurns(server, connections) : null;
    const cpuBefore = server.cpuMs();
    const databaseCpu = await databaseCpuOf(engine, database.location);
    const result = await runLoad(server.url, connections, workload.requests, request);
    const databaseMs = await databaseCpu();
    const cpuAfter = server.cpuMs();
    const latencyInServer = await inServerLatency(server, workload.requests);
    return {
      ...result,
      serverMainCpuMs: (cpuAfter.main - cpuBefore.main) / result.requests,
      serverOtherCpuMs: (cpuAfter.others - cpuBefore.others) / result.requests,
      loadGeneratorCpuMs: result.loadGeneratorCpuMs / result.requests,
      databaseCpuMs: databaseMs / result.requests,
      ...latencyInServer,
      ceilingInTurnsPerSecond: ceiling ? await ceiling.after() : NaN,
      peakRssMb: server.peakRssMb(),
    };
  });
}

/**
 * The HTTP ceiling on a single-pair workload's own server, warmed, then measured twice: now
 * (just before the workload) and when `after` is called (just after it); the rate is both runs'
 * requests over their time together. why: the single-pair target is a ratio to the ceiling of
 * the same server, and a ceiling on a server of its own, minutes apart, differed from it by its
 * warmth (a fresh server still compiles the shared hooks while it is measured) and by the
 * machine's drift, which on a shared machine moved it 2× within one run.
 */
async function ceilingInTurns(
  server: BenchServer,
  connections: number,
): Promise<{ after: () => Promise<number> }> {
  const setup = await CEILING.setup(sender(server), 0);
  const request = (index: number) => CEILING.request(setup, index);
  await runLoad(server.url, Math.min(connections, CEILING.warmup), CEILING.warmup, request);
  const before = await runLoad(server.url, connections, CEILING.requests, request);
  return {
    after: async () => {
      const after = await runLoad(server.url, connections, CEILING.requests, request);
      const seconds = (run: LoadResult) => run.requests / run.requestsPerSecond;
      return (before.requests + after.requests) / (seconds(before) + seconds(after));
    },
  };
}

/**
 * Latency as the server saw it: from the request's arrival to its answer, read from the server's
 * request log. The load generator's own latencies also include the time it spends building
 * bodies and parsing answers, which on a small machine it shares with the server.
 */
export async function inServerLatency(server: BenchServer, requests: number) {
  const limit = Math.min(200, requests);
  const response = await fetch(`${server.url}/_emulator/requests?limit=${limit}`);
  const log = (await response.json()) as { results: { durationMs: number }[] };
  const { p50Ms, p99Ms } = summarise(
    log.results.map((entry) => entry.durationMs),
    1,
  );
  return { inServerP50Ms: p50Ms, inServerP99Ms: p99Ms };
}

/** Raw operations, timed one by one: one at a time on SQLite (one writer), in parallel on PostgreSQL. */
async function raw(engine: Engine, workload: Workload, connections: number) {
  const operation = workload.raw;
  if (operation === null) {
    return { operationsPerSecond: NaN, p50Ms: NaN, p99Ms: NaN, cpuMs: NaN, databaseCpuMs: NaN };
  }
  const database = await createDatabase(engine);
  const baseline = await openRawBaseline(engine, database.location);
  try {
    const setup: Setup = await workload.setupRaw(baseline, workload.requests + workload.warmup);
    await database.analyze();
    for (let index = 0; index < workload.warmup; index++) {
      await operation(baseline, setup, workload.requests + index);
    }
    await baseline.beforeMeasuring();
    const parallel = engine === 'sqlite' ? 1 : Math.min(connections, 16);
    const durations: number[] = [];
    let next = 0;
    const cpuBefore = process.cpuUsage();
    const databaseCpu = await databaseCpuOf(engine, database.location);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        for (let index = next++; index < workload.requests; index = next++) {
          const begun = performance.now();
          await operation(baseline, setup, index);
          durations.push(performance.now() - begun);
        }
      }),
    );
    const totalMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const databaseMs = await databaseCpu();
    return {
      ...summarise(durations, totalMs),
      cpuMs: (cpu.user + cpu.system) / 1000 / workload.requests,
      databaseCpuMs: databaseMs / workload.requests,
    };
  } finally {
    await baseline.close();
    await database.drop();
  }
}

export async function measure(
  engine: Engine,
  workload: Workload,
  connections: number,
): Promise<Measurement> {
  const server = await overHttp(engine, workload, connections);
  const baseline = await raw(engine, workload, connections);
  return {
    engine,
    workload: workload.name,
    kind: workload.kind,
    unit: workload.unit,
    connections,
    serverUnitsPerSecond: server.requestsPerSecond * workload.unitsPerRequest,
    rawUnitsPerSecond: baseline.operationsPerSecond * workload.unitsPerRequest,
    ceilingInTurnsPerSecond: server.ceilingInTurnsPerSecond,
    p50Ms: server.p50Ms,
    p99Ms: server.p99Ms,
    rawP50Ms: baseline.p50Ms,
    rawP99Ms: baseline.p99Ms,
    inServerP50Ms: server.inServerP50Ms,
    inServerP99Ms: server.inServerP99Ms,
    peakRssMb: server.peakRssMb,
    failures: server.failures,
    serverMainCpuMs: server.serverMainCpuMs,
    serverOtherCpuMs: server.serverOtherCpuMs,
    loadGeneratorCpuMs: server.loadGeneratorCpuMs,
    rawCpuMs: baseline.cpuMs,
    serverDatabaseCpuMs: server.databaseCpuMs,
    rawDatabaseCpuMs: baseline.databaseCpuMs,
  };
}
