// The server under benchmark: the built CLI as a child process, with its peak memory read back.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const MAIN = new URL('../../dist/cli/main.js', import.meta.url).pathname;

export interface BenchServer {
  readonly url: string;
  readonly pid: number;
  /** Resident memory now, in MiB. */
  rssMb(): number;
  /** The largest resident memory the process has had, in MiB (VmHWM). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

export function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
  return Number(kb ?? 0) / 1024;
}

/**
 * Node flags for the server from BENCH_SERVER_NODE_ARGS (for example `--cpu-prof
 * --cpu-prof-dir=/tmp/prof`): node refuses `--cpu-prof` in NODE_OPTIONS.
 */
function profilingArgs(): string[] {
  return (process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
}

/** Starts `serve --db LOCATION` on a free port; resolves once it listens. */
export async function startBenchServer(
  location: string,
  extra: string[] = [],
): Promise<BenchServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...profilingArgs(),
      MAIN,
      'serve',
      '--port',
      '0',
      '--db',
      location,
      '--log-level',
      'warn',
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (!child.stdout || child.pid === undefined) throw new Error('the server did not start');
  const pid = child.pid;
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => {
      reject(new Error(`the server exited (${code}) before listening`));
    });
  });
  return {
    url,
    pid,
    rssMb: () => statusMb(pid, 'VmRSS'),
    peakRssMb: () => statusMb(pid, 'VmHWM'),
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
