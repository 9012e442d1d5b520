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

/**
 * The primary: forks `count` workers running the same command, prints `line` once all of them
 * listen, replaces a worker that dies, and on SIGTERM or SIGINT stops them all gracefully (each
 * finishes its requests and closes its store) before exiting.
 */
export function runPrimary(count: number, line: (url: string, store: string) => string): void {
  let shuttingDown = false;
  let ready = 0;
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (!isReady(message) || ++ready !== count) return;
      process.stdout.write(`${line(message.ready.url, message.ready.store)}\n`);
    });
    return worker;
  };
  for (let index = 0; index < count; index++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (shuttingDown) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A worker that dies is replaced; its store connections died with it.
    process.stderr.write(
      `worker ${worker.process.pid} ended (${signal || code}); starting another\n`,
    );
    fork();
  });
  const shutdown = () => {
    if (shuttingDown) return;
    shuttingDown = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
