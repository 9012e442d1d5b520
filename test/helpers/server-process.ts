// Starts the CLI as a child process: a server, waiting for its readiness line, or a command run
// to its end.
import {
  spawn,
  type ChildProcessByStdio,
  type ChildProcessWithoutNullStreams,
} from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const READY = /listening on (http:\/\/\S+)/;

export interface ServerProcess {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly url: string;
  /** The readiness line, whole. */
  readonly line: string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<number | string>;
}

/**
 * The environment of a server: this one without the variables that choose a store, so that only
 * the arguments (and `env`) do.
 */
function serverEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const inherited = { ...process.env };
  delete inherited['DATABASE_URL'];
  delete inherited['HUBSPOT_ASSOCIATIONS_DB'];
  return { ...inherited, ...env };
}

/** Spawns `hubspot-associations-server serve ARGS` and resolves once it is listening. */
export async function startServerProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, 'serve', '--port', '0', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: serverEnvironment(env) },
  );
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout });
  const [url, line] = await new Promise<[string, string]>((resolve, reject) => {
    lines.on('line', (line) => {
      const match = READY.exec(line);
      if (match?.[1]) resolve([match[1], line]);
    });
    void exited.then((code) => {
      reject(new Error(`server exited (${code}) before ready: ${stderr}`));
    });
  });
  return { child, url, line, exited };
}

/**
 * Starts servers for one test. When the test ends they are killed and, once they have exited,
 * `cleanup` runs (it may drop their database).
 */
export function serversForTest(
  t: { after: (fn: () => Promise<void>) => void },
  cleanup: () => Promise<void>,
): (args: readonly string[], env?: NodeJS.ProcessEnv) => Promise<ServerProcess> {
  const servers: ServerProcess[] = [];
  t.after(async () => {
    for (const server of servers) server.child.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.exited));
    await cleanup();
  });
  return async (args, env) => {
    const server = await startServerProcess(args, env);
    servers.push(server);
    return server;
  };
}

/** Sends JSON (with a Bearer token, when given) and parses the answer. */
export async function call(
  url: string,
  method: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
  };
  const response = await fetch(url, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? undefined : JSON.parse(text),
    headers: response.headers,
  };
}

/** Spawns `hubspot-associations-server ARGS` with every stream a pipe. */
export function spawnCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: serverEnvironment(env),
  });
}

/** What a command printed, and how it ended. */
export interface CliResult {
  readonly code: number | string;
  readonly stdout: string;
  readonly stderr: string;
}

/** Resolves once the process has ended, with all it printed. */
export async function finished(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code, signal] = (await once(child, 'close')) as [number | null, string | null];
  return { code: code ?? signal ?? 'unknown', stdout, stderr };
}

/** Runs `hubspot-associations-server ARGS` to its end, with `stdin` as its input. */
export function runCli(args: readonly string[], stdin = ''): Promise<CliResult> {
  const child = spawnCli(args);
  child.stdin.end(stdin);
  return finished(child);
}
