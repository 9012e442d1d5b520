// The server under benchmark: the built CLI as a child process, with its peak memory read back.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';

const MAIN = new URL('../../dist/cli/main.js', import.meta.url).pathname;

export interface BenchServer {
  readonly url: string;
  readonly pid: number;
  /** Resident memory now, in MiB. */
  rssMb(): number;
  /** The largest resident memory the process has had, in MiB (VmHWM). */
  peakRssMb(): number;
  /** CPU time the process has used so far, in ms: its main thread, and its other threads. */
  cpuMs(): ThreadCpu;
  stop(): Promise<void>;
}

/** CPU time of a process, in ms, split between its main thread and the rest. */
export interface ThreadCpu {
  /** The event loop's thread: JavaScript, the SQLite driver's statements, socket I/O. */
  readonly main: number;
  /** Every other thread: V8's garbage collection helpers, libuv's pool, worker threads. */
  readonly others: number;
}

/** Linux's clock tick, the unit of /proc's CPU times (USER_HZ, 100 on every Linux build). */
const MS_PER_TICK = 10;

/** User plus system time of every thread of `pid`, from /proc/PID/task/TID/stat. */
export function threadCpuMs(pid: number): ThreadCpu {
  let main = 0;
  let others = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended between the listing and the read
    }
    // The fields after the command name (which may hold spaces) start at its closing ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
    if (Number(tid) === pid) main += ms;
    else others += ms;
  }
  return { main, others };
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
export function startBenchServer(location: string, extra: string[] = []): Promise<BenchServer> {
  return startServerProcess([
    MAIN,
    'serve',
    '--port',
    '0',
    '--db',
    location,
    '--log-level',
    'warn',
    ...extra,
  ]);
}

/** A server process that takes commands: each line sent on its stdin, answered by one on stdout. */
export interface CommandedServer extends BenchServer {
  /** Sends `line`; resolves with the server's answer line. */
  command(line: string): Promise<string>;
}

/**
 * Starts `node ARGS` (a script that prints the readiness line, as `serve` does); resolves once
 * it listens.
 */
export async function startServerProcess(args: string[]): Promise<CommandedServer> {
  const child: ChildProcess = spawn(process.execPath, [...profilingArgs(), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (!child.stdout || !child.stdin || child.pid === undefined) {
    throw new Error('the server did not start');
  }
  const { stdin, pid } = child;
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
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
    cpuMs: () => threadCpuMs(pid),
    command: async (line) => {
      const answer = once(lines, 'line') as Promise<[string]>;
      stdin.write(`${line}\n`);
      return (await answer)[0];
    },
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
