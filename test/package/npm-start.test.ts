// `npm start` in a copy of the project: it builds dist only when the sources are newer; a SIGTERM
// or SIGINT sent to npm alone (as a process manager or `docker stop` sends it), a SIGINT sent to
// its process group (as a terminal's Ctrl+C does) and npm killed outright each stop the server and
// every process npm started.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';

const ROOT = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'has-npm-start-'));
const copy = join(work, 'copy');
mkdirSync(copy);
for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json']) {
  cpSync(join(ROOT, file), join(copy, file));
}
for (const dir of ['src', 'scripts']) cpSync(join(ROOT, dir), join(copy, dir), { recursive: true });
symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
after(() => {
  rmSync(work, { recursive: true, force: true });
});

const BUILT = join(copy, 'dist', 'cli', 'main.js');

/** Every process below `pid`, from one `ps` listing. */
function descendants(pid: number): number[] {
  const ps = spawnSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map<number, number[]>();
  for (const line of ps.stdout.trim().split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    children.set(parent!, [...(children.get(parent!) ?? []), child!]);
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `npm start` until the server listens; then sends `signal` to npm alone, or to its process
 * group (npm and all it started), and checks what is left.
 */
async function startThenSignal(signal: NodeJS.Signals, to: 'npm' | 'group'): Promise<void> {
  const npm = spawn('npm', ['start', '--', '--port', '0', '--memory'], {
    cwd: copy,
    detached: true, // a process group of its own, as a terminal gives a command
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  let stderr = '';
  npm.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const npmExited = once(npm, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: npm.stdout }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    void npmExited.then(() => {
      reject(new Error(`npm start ended before listening: ${stderr}`));
    });
  });
  assert.equal((await fetch(`${url}/crm/v3/objects/contacts`)).status, 200);
  const started = descendants(npm.pid!);
  assert.ok(started.length >= 1, 'npm started the server');

  if (to === 'npm') npm.kill(signal);
  else process.kill(-npm.pid!, signal);
  const stopped = await Promise.race([npmExited.then(() => true), delay(20_000, false)]);
  if (!stopped) {
    process.kill(-npm.pid!, 'SIGKILL');
    assert.fail(`npm start was still running 20 s after ${signal}`);
  }
  for (let attempt = 0; attempt < 100 && started.some(alive); attempt++) await delay(100);
  assert.deepEqual(started.filter(alive), [], 'no process npm started is left');
  await assert.rejects(fetch(`${url}/crm/v3/objects/contacts`), 'the port no longer answers');
}

test('npm start builds a copy without dist, and SIGTERM to npm stops the server', async () => {
  await startThenSignal('SIGTERM', 'npm');
  assert.ok(statSync(BUILT).isFile(), 'dist was built');
});

test('npm start leaves a current dist alone, and Ctrl+C stops the server', async () => {
  const built = statSync(BUILT).mtimeMs;
  await startThenSignal('SIGINT', 'group');
  assert.equal(statSync(BUILT).mtimeMs, built, 'dist/cli/main.js was not written again');
});

test('SIGINT sent to npm alone stops the server', async () => {
  await startThenSignal('SIGINT', 'npm');
});

test('npm killed outright takes the server down with it', async () => {
  await startThenSignal('SIGKILL', 'npm');
});

test('npm start rebuilds once a source is newer than dist', async () => {
  const built = statSync(BUILT).mtimeMs;
  const later = new Date(Date.now() + 2000);
  utimesSync(join(copy, 'src', 'cli', 'main.ts'), later, later);
  await startThenSignal('SIGTERM', 'npm');
  assert.ok(statSync(BUILT).mtimeMs > built, 'dist/cli/main.js was written again');
});
