// Drives a server with autocannon and reduces the run to the numbers the report shows.
import autocannon from 'autocannon';

/** One request of a workload. */
export interface BenchRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly body?: string;
}

/** Throughput and latency of one run. */
export interface LoadResult {
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers that were not 2xx, and connection errors; a clean run has none. */
  readonly failures: number;
  /** CPU time the load generator itself used (this process, once the requests were built). */
  readonly loadGeneratorCpuMs: number;
}

/**
 * Sends exactly `amount` requests over `connections` connections, request `i` built by
 * `requestAt(i)`; a fixed amount (not a duration) keeps every run's work the same.
 */
export async function runLoad(
  url: string,
  connections: number,
  amount: number,
  requestAt: (index: number) => BenchRequest,
): Promise<LoadResult> {
  // Every request is built before the run: building a 2,000-input body takes the load generator
  // milliseconds of the CPU that it shares with the server on a small machine.
  const prepared = Array.from({ length: amount }, (_, index) => {
    const { method, path, body } = requestAt(index);
    // A JSON content type with an empty body is refused (400), as HubSpot does: bodiless
    // requests (GET, DELETE, PUT default) send none.
    return body === undefined
      ? { method, path, headers: {} }
      : { method, path, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  });
  let next = 0;
  // autocannon reports its duration in whole seconds and waits for its sampling tick to end, too
  // coarse for runs of a few seconds: the run is timed from the first request to the last answer.
  let started = 0;
  let finished = 0;
  const options: autocannon.Options = {
    url,
    // autocannon refuses more connections than requests; a short run uses one per request.
    connections: Math.min(connections, amount),
    amount,
    requests: [
      {
        setupRequest: (request) => {
          if (next === 0) started = performance.now();
          return { ...request, ...prepared[next++] };
        },
      },
    ],
  };
  // why: autocannon's own percentiles come from a histogram of whole milliseconds, which reads
  // every answer of a warm server as 0 or 1 ms; each answer's time is kept here as measured.
  const latenciesMs: number[] = [];
  const cpuBefore = process.cpuUsage();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(done);
    });
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      finished = performance.now();
      // As autocannon counts: the latencies of successful answers.
      if (statusCode >= 200 && statusCode < 300) latenciesMs.push(responseTimeMs);
    });
  });
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (finished - started) / 1000;
  const { p50Ms, p99Ms } = summarise(latenciesMs, finished - started);
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / seconds,
    p50Ms,
    p99Ms,
    failures: result.non2xx + result.errors + result.timeouts,
    loadGeneratorCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

/** Latency percentiles and throughput of operations timed one by one (raw baselines). */
export function summarise(durationsMs: readonly number[], totalMs: number) {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const at = (fraction: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
  return {
    operationsPerSecond: (durationsMs.length / totalMs) * 1000,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}
