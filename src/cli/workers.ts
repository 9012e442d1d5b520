// Runs several server processes behind one port (node:cluster), to use every core of a machine.
import cluster, { type Worker } from 'node:cluster';

/** What a worker tells the primary once it listens. */
interface ReadyMessage {
  readonly ready: { readonly url: string; readonly store: string };
}

function isReady(message: unknown): message is ReadyMessage {
  return typeof message === 'object' && message !== null && 'ready' in message;
}

/** In a worker: tells the primary the server listens (the primary prints the readiness line). */
export function announceToPrimary(url: string, store: string): void {
  const message: ReadyMessage = { ready: { url, store } };
  process.send?.(message);
}

/** True in a process started by `runPrimary`. */
export function isWorker(): boolean {
  return cluster.isWorker;
}

/** The wait before replacing a worker that died soon after it started; doubles up to the cap. */
export const RESTART_BACKOFF = { firstMs: 100, maxMs: 30_000, stableMs: 30_000 } as const;

/**
 * How long to wait before replacing a worker that lived `livedMs`, when the previous replacement
 * waited `previousMs` (0 for none): a worker that ran a while is replaced at once, one that keeps
 * dying young is replaced ever more slowly, so a broken store is not hammered.
 */
export function restartDelay(livedMs: number, previousMs: number): number {
  if (livedMs >= RESTART_BACKOFF.stableMs) return 0;
  return Math.min(
    RESTART_BACKOFF.maxMs,
    previousMs === 0 ? RESTART_BACKOFF.firstMs : previousMs * 2,
  );
}

/**
 * The primary: forks `count` workers running the same command and prints `line` once all of them
 * listen. A worker that ends before then (a bad store, a port in use) ends the command with exit
 * code 1, after its own error, and stops the others: retrying would only fail again. A worker
 * that dies later is replaced, after a back-off when replacements keep dying. On SIGTERM or
 * SIGINT it stops them all gracefully (each finishes its requests and closes its store) and exits.
 */
export function runPrimary(count: number, line: (url: string, store: string) => string): void {
  let shuttingDown = false;
  let exitCode = 0;
  let ready = 0;
  let allReady = false;
  let previousDelayMs = 0;
  const pendingRestarts = new Set<NodeJS.Timeout>();
  const startedAt = new Map<Worker, number>();

  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
    worker.on('message', (message: unknown) => {
      if (!isReady(message) || allReady || ++ready !== count) return;
      allReady = true;
      process.stdout.write(`${line(message.ready.url, message.ready.store)}\n`);
    });
    return worker;
  };

  const stopAll = (code: number) => {
    exitCode = Math.max(exitCode, code);
    if (shuttingDown) return;
    shuttingDown = true;
    for (const timer of pendingRestarts) clearTimeout(timer);
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(exitCode);
    for (const worker of workers) worker?.process.kill('SIGTERM');
  };

  for (let index = 0; index < count; index++) fork();
  cluster.on('exit', (worker, code, signal) => {
    const livedMs = Date.now() - (startedAt.get(worker) ?? Date.now());
    startedAt.delete(worker);
    if (shuttingDown) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (!allReady) {
      // The worker printed why (stderr is shared); starting it again would fail the same way.
      process.stderr.write(
        `worker ${worker.process.pid} could not start (${how}); stopping the others\n`,
      );
      stopAll(1);
      return;
    }
    // A worker that dies is replaced; its store connections died with it.
    const delayMs = restartDelay(livedMs, previousDelayMs);
    previousDelayMs = delayMs;
    process.stderr.write(
      `worker ${worker.process.pid} ended (${how}); starting another in ${delayMs} ms\n`,
    );
    const timer = setTimeout(() => {
      pendingRestarts.delete(timer);
      fork();
    }, delayMs);
    pendingRestarts.add(timer);
  });
  const shutdown = () => {
    stopAll(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
