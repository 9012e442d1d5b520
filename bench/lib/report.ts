// Renders measurements as markdown tables, and checks them against the targets they serve.
import type { Measurement } from './measure.js';

const round = (value: number) =>
  Number.isNaN(value)
    ? '—'
    : value >= 100
      ? Math.round(value).toLocaleString('en')
      : value.toFixed(1);

/** `value` to `digits` places, or — where it does not apply (NaN: no raw side, no PostgreSQL). */
export const fixedOrDash = (value: number, digits = 2) =>
  Number.isNaN(value) ? '—' : value.toFixed(digits);

const ratio = (server: number, base: number) => fixedOrDash(server / base);

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]!
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** One table per engine: server and raw side by side, per workload and concurrency. */
export function resultsTable(measurements: readonly Measurement[]): string {
  const header = [
    '| Engine | Workload | Connections | Server | Raw | Server/raw | p50 ms | p99 ms | p99/p50 | In server p50 / p99 ms | Peak RSS MiB | Failures |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const rows = measurements.map((m) =>
    [
      m.engine,
      m.workload,
      m.connections,
      `${round(m.serverUnitsPerSecond)} ${m.unit}`,
      round(m.rawUnitsPerSecond),
      ratio(m.serverUnitsPerSecond, m.rawUnitsPerSecond),
      m.p50Ms.toFixed(2),
      m.p99Ms.toFixed(2),
      (m.p99Ms / Math.max(m.p50Ms, 0.1)).toFixed(1),
      `${m.inServerP50Ms.toFixed(1)} / ${m.inServerP99Ms.toFixed(1)}`,
      m.peakRssMb.toFixed(0),
      m.failures,
    ].join(' | '),
  );
  return [...header, ...rows.map((row) => `| ${row} |`)].join('\n');
}

/**
 * Where each request's CPU went, at one concurrency: the server's main thread (the event loop,
 * where SQLite's statements also run), its other threads, the load generator and PostgreSQL's
 * processes, beside the raw operation's own CPU and PostgreSQL's for it. Two cores run all of it;
 * a server whose main thread needs more CPU per request than the raw operation takes cannot keep
 * up with it, whatever the other threads do, and when the cores are full the ratio of the total
 * CPU per operation bounds server/raw.
 */
export function cpuTable(measurements: readonly Measurement[], connections: number): string {
  const header = [
    '| Engine | Workload | Server main thread | Server other threads | Load generator | PostgreSQL, for the server | Raw | PostgreSQL, for raw |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const rows = measurements
    .filter((m) => m.connections === connections)
    .map((m) =>
      [
        m.engine,
        m.workload,
        m.serverMainCpuMs.toFixed(2),
        m.serverOtherCpuMs.toFixed(2),
        m.loadGeneratorCpuMs.toFixed(2),
        fixedOrDash(m.serverDatabaseCpuMs),
        fixedOrDash(m.rawCpuMs),
        fixedOrDash(m.rawDatabaseCpuMs),
      ].join(' | '),
    );
  return [...header, ...rows.map((row) => `| ${row} |`)].join('\n');
}

/** A single-pair measurement's ceiling: measured in turns with it on its server; null if not. */
function ceilingOf(m: Measurement): number | null {
  return Number.isNaN(m.ceilingInTurnsPerSecond) ? null : m.ceilingInTurnsPerSecond;
}

/**
 * The single-pair operations beside the server's own HTTP ceiling (a route with the same hooks,
 * authentication and request log that touches no store), measured on the same server in turns.
 */
export function ceilingTable(measurements: readonly Measurement[]): string {
  const header = [
    '| Engine | Workload | Connections | Server requests/s | Ceiling requests/s | Server/ceiling | Server/raw |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  const rows = measurements
    .filter((m) => m.kind === 'single')
    .map((m) => {
      const ceiling = ceilingOf(m);
      const perSecond = m.serverUnitsPerSecond / 1;
      return [
        m.engine,
        m.workload,
        m.connections,
        round(perSecond),
        ceiling ? round(ceiling) : '—',
        ceiling ? ratio(perSecond, ceiling) : '—',
        ratio(m.serverUnitsPerSecond, m.rawUnitsPerSecond),
      ].join(' | ');
    });
  return [...header, ...rows.map((row) => `| ${row} |`)].join('\n');
}

interface Target {
  readonly name: string;
  /** The engines it is set for; every engine when absent. */
  readonly engines?: readonly string[];
  readonly check: (measurements: readonly Measurement[]) => { value: string; met: boolean };
}

/** A range of ratios, with its median: `0.41–0.52 (median 0.47)`. */
function rangeText(ratios: readonly number[]): string {
  const [worst, best] = [Math.min(...ratios), Math.max(...ratios)];
  if (ratios.length === 1 || worst === best) return best.toFixed(2);
  return `${worst.toFixed(2)}–${best.toFixed(2)} (median ${median(ratios).toFixed(2)})`;
}

/**
 * The server/raw ratios of a workload over the concurrencies measured: met when their median
 * reaches the floor. The range shows how much one run's raw baseline can move it.
 */
function ratioMedian(workload: string, floor: number, connections?: number): Target['check'] {
  return (measurements) => {
    const ratios = measurements
      .filter((m) => m.workload.startsWith(workload))
      .filter((m) => connections === undefined || m.connections === connections)
      .map((m) => m.serverUnitsPerSecond / m.rawUnitsPerSecond);
    if (ratios.length === 0) return { value: 'not measured', met: false };
    return { value: rangeText(ratios), met: median(ratios) >= floor };
  };
}

/** The worst single-pair operation's median ratio to the ceiling, over the concurrencies. */
function ceilingMedian(floor: number): Target['check'] {
  return (measurements) => {
    const byWorkload = new Map<string, number[]>();
    for (const m of measurements.filter((m) => m.kind === 'single')) {
      const ceiling = ceilingOf(m);
      if (!ceiling) continue;
      const ratios = byWorkload.get(m.workload) ?? [];
      ratios.push(m.serverUnitsPerSecond / ceiling);
      byWorkload.set(m.workload, ratios);
    }
    if (byWorkload.size === 0) return { value: 'not measured', met: false };
    const [worstName, worstRatios] = [...byWorkload].sort(
      ([, a], [, b]) => median(a) - median(b),
    )[0]!;
    return {
      value: `worst ${worstName}: ${rangeText(worstRatios)}`,
      met: median(worstRatios) >= floor,
    };
  };
}

/**
 * One workload's throughput over another's, per concurrency, both over HTTP in the same run (what
 * a feature costs): met when the median reaches the floor.
 */
function throughputMedian(workload: string, base: string, floor: number): Target['check'] {
  return (measurements) => {
    const ratios = measurements
      .filter((m) => m.workload.startsWith(workload))
      .flatMap((m) => {
        const without = measurements.find(
          (other) => other.workload.startsWith(base) && other.connections === m.connections,
        );
        return without ? [m.serverUnitsPerSecond / without.serverUnitsPerSecond] : [];
      });
    if (ratios.length === 0) return { value: 'not measured', met: false };
    return { value: rangeText(ratios), met: median(ratios) >= floor };
  };
}

/**
 * The largest p99/p50 at 10 connections, over the API's workloads; the ceiling's own beside it
 * when asked.
 * why: the ceiling is the bench's measuring stick, a route that does nothing, and its spread is
 * the tail the machine gives any request (the load generator, the server and the database on
 * two shared cores), not one of the API's.
 */
function worstSpread(
  latencies: (m: Measurement) => [number, number],
  ceilingBeside: boolean,
): Target['check'] {
  return (measurements) => {
    const spreads = measurements
      .filter((m) => m.connections === 10)
      .map((m) => {
        const [p50, p99] = latencies(m);
        return { name: m.workload, kind: m.kind, spread: p99 / Math.max(p50, 0.1) };
      });
    const api = spreads.filter((s) => s.kind !== 'ceiling');
    if (api.length === 0) return { value: 'not measured', met: false };
    const worst = api.reduce((a, b) => (b.spread > a.spread ? b : a));
    const ceiling = ceilingBeside ? spreads.find((s) => s.kind === 'ceiling') : undefined;
    const beside = ceiling ? `; the ceiling itself ${ceiling.spread.toFixed(1)}×` : '';
    return {
      value: `${worst.spread.toFixed(1)}× (${worst.name}${beside})`,
      met: worst.spread <= 5,
    };
  };
}

const TARGETS: readonly Target[] = [
  {
    name: 'batch create ≥ 0.75 of the raw insert rate',
    engines: ['sqlite'],
    check: ratioMedian('v4 batch create', 0.75),
  },
  {
    name: 'batch create ≥ 0.9 of the raw insert rate',
    engines: ['postgres'],
    check: ratioMedian('v4 batch create', 0.9),
  },
  {
    name: 'batch read ≥ 0.75 of the raw read rate',
    engines: ['sqlite'],
    check: ratioMedian('v4 batch read', 0.75),
  },
  {
    name: 'batch read ≥ 0.50 of the raw read rate',
    engines: ['postgres'],
    check: ratioMedian('v4 batch read', 0.5),
  },
  {
    name: 'PUT labelled ≥ 0.5 of raw at 10 connections',
    engines: ['postgres'],
    check: ratioMedian('v4 PUT labelled', 0.5, 10),
  },
  {
    name: 'batch create with one association subscription ≥ 0.9 of batch create with none',
    check: throughputMedian('events: v4 batch create', 'v4 batch create', 0.9),
  },
  {
    name: 'single-pair operations ≥ 0.6 of the HTTP ceiling',
    engines: ['sqlite'],
    check: ceilingMedian(0.6),
  },
  {
    name: 'p99 ≤ 5 × p50 at 10 connections, seen by the load generator (worst workload)',
    check: worstSpread((m) => [m.p50Ms, m.p99Ms], true),
  },
  {
    name: 'p99 ≤ 5 × p50 at 10 connections, inside the server (worst workload)',
    // Inside the server the ceiling's answer takes under 0.1 ms: its spread would read nothing.
    check: worstSpread((m) => [m.inServerP50Ms, m.inServerP99Ms], false),
  },
];

/**
 * The targets per engine: measured value, and whether it is met. A ratio target reads the median
 * over the concurrencies measured.
 */
export function targetsTable(measurements: readonly Measurement[]): string {
  const engines = [...new Set(measurements.map((m) => m.engine))];
  const rows = engines.flatMap((engine) =>
    TARGETS.filter((target) => !target.engines || target.engines.includes(engine)).map((target) => {
      const { value, met } = target.check(measurements.filter((m) => m.engine === engine));
      return `| ${engine} | ${target.name} | ${value} | ${met ? 'met' : 'missed'} |`;
    }),
  );
  return ['| Engine | Target | Measured | |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
