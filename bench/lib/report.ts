// Renders measurements as markdown tables, and checks them against the targets they serve.
import type { Measurement } from './measure.js';

const round = (value: number) =>
  value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(1);

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
      (m.serverUnitsPerSecond / m.rawUnitsPerSecond).toFixed(2),
      m.p50Ms.toFixed(1),
      m.p99Ms.toFixed(1),
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
 * where SQLite's statements also run), its other threads, and the load generator, beside the raw
 * operation's own CPU. Two cores run all of it; a server whose main thread needs more CPU per
 * request than the raw operation takes cannot keep up with it, whatever the other threads do.
 */
export function cpuTable(measurements: readonly Measurement[], connections: number): string {
  const header = [
    '| Engine | Workload | Server main thread | Server other threads | Load generator | Raw |',
    '| --- | --- | --- | --- | --- | --- |',
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
        m.rawCpuMs.toFixed(2),
      ].join(' | '),
    );
  return [...header, ...rows.map((row) => `| ${row} |`)].join('\n');
}

interface Target {
  readonly name: string;
  readonly check: (measurements: readonly Measurement[]) => { value: string; met: boolean };
}

/**
 * The server/raw ratios of a workload over the concurrencies measured, as a range; met when the
 * best of them reaches the floor. The range shows how much one run's raw baseline can move it.
 */
function ratioRange(workload: string, floor: number): Target['check'] {
  return (measurements) => {
    const ratios = measurements
      .filter((m) => m.workload.startsWith(workload))
      .map((m) => m.serverUnitsPerSecond / m.rawUnitsPerSecond);
    const [worst, best] = [Math.min(...ratios), Math.max(...ratios)];
    const value = worst === best ? best.toFixed(2) : `${worst.toFixed(2)}–${best.toFixed(2)}`;
    return { value, met: best >= floor };
  };
}

/** The largest p99/p50 at 10 connections, over the workloads. */
function worstSpread(latencies: (m: Measurement) => [number, number]): Target['check'] {
  return (measurements) => {
    const worst = Math.max(
      ...measurements
        .filter((m) => m.connections === 10)
        .map((m) => {
          const [p50, p99] = latencies(m);
          return p99 / Math.max(p50, 0.1);
        }),
    );
    return { value: `${worst.toFixed(1)}×`, met: worst <= 5 };
  };
}

const TARGETS: readonly Target[] = [
  {
    name: 'batch create ≥ 0.75 of the raw insert rate',
    check: ratioRange('v4 batch create', 0.75),
  },
  { name: 'batch read ≥ 0.50 of the raw read rate', check: ratioRange('v4 batch read', 0.5) },
  {
    name: 'p99 ≤ 5 × p50 at 10 connections, seen by the load generator (worst workload)',
    check: worstSpread((m) => [m.p50Ms, m.p99Ms]),
  },
  {
    name: 'p99 ≤ 5 × p50 at 10 connections, inside the server (worst workload)',
    check: worstSpread((m) => [m.inServerP50Ms, m.inServerP99Ms]),
  },
];

/** The targets per engine: measured value, and whether it is met. */
export function targetsTable(measurements: readonly Measurement[]): string {
  const engines = [...new Set(measurements.map((m) => m.engine))];
  const rows = engines.flatMap((engine) =>
    TARGETS.map((target) => {
      const { value, met } = target.check(measurements.filter((m) => m.engine === engine));
      return `| ${engine} | ${target.name} | ${value} | ${met ? 'met' : 'missed'} |`;
    }),
  );
  return ['| Engine | Target | Measured | |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
