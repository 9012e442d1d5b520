// The package as a user gets it: `npm pack` of a copy of this project, installed from the tarball
// into a project of its own (dependencies from the registry, native ones built), then its command
// run from the bin link and through npx, and its library imported. One pack and one install,
// shared by every test here; they take minutes, mostly building better-sqlite3.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
/** What `npm pack` needs of the project: the rest (tests, benchmarks, docs) stays out. */
const PACKED_FROM = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const PACKED_FROM_DIRS = ['src', 'scripts', 'web'];
const PACKED_EXTRAS = ['README.md', 'LICENSE'];

const work = mkdtempSync(join(tmpdir(), 'has-package-'));
const copy = join(work, 'copy');
const project = join(work, 'project');
const tarballName = `${manifest.name}-${manifest.version}.tgz`;
let packedFiles: string[] = [];
let installOutput = '';

/**
 * better-sqlite3's install script fetches a prebuilt binary from GitHub, or compiles one (minutes)
 * when it cannot. This machine's network reaches the npm registry only, so the tests hand it the
 * binary this project's own install built, as the local prebuild its script looks for first.
 */
const prebuilds = join(work, 'prebuilds');
const PREBUILD_ENV = { npm_config_better_sqlite3_local_prebuilds: prebuilds };

async function packLocalPrebuild(): Promise<void> {
  const addon = join(ROOT, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(addon, 'package.json'), 'utf8')) as {
    version: string;
  };
  const { platform, arch, versions } = process;
  const name = `better-sqlite3-v${version}-node-v${versions.modules}-${platform}-${arch}.tar.gz`;
  mkdirSync(prebuilds);
  await run('tar', [
    '-czf',
    join(prebuilds, name),
    '-C',
    addon,
    'build/Release/better_sqlite3.node',
  ]);
}

/** npm in `cwd`: what it printed; an npm that fails fails the test with all it said. */
async function npm(
  cwd: string,
  args: readonly string[],
): Promise<{ stdout: string; stderr: string }> {
  const { stdout, stderr } = await run('npm', [...args], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      ...PREBUILD_ENV,
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
    },
  });
  return { stdout, stderr };
}

before(
  async () => {
    // A copy, so that packing (which rebuilds dist) never races the tests that run this tree's dist.
    await packLocalPrebuild();
    mkdirSync(copy);
    for (const file of [...PACKED_FROM, ...PACKED_EXTRAS])
      cpSync(join(ROOT, file), join(copy, file));
    for (const dir of PACKED_FROM_DIRS) {
      cpSync(join(ROOT, dir), join(copy, dir), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    // The build that packing runs may print before npm's JSON: the JSON starts at its own line.
    const { stdout } = await npm(copy, ['pack', '--json', '--pack-destination', work]);
    const packed = JSON.parse(stdout.slice(stdout.search(/^\[/m))) as [
      { files: { path: string }[] },
    ];
    packedFiles = packed[0].files.map((file) => file.path);

    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      // npm versions that block dependency install scripts by default would otherwise skip
      // building better-sqlite3 (the README's Install section says the same).
      JSON.stringify({
        name: 'uses-it',
        private: true,
        type: 'module',
        allowScripts: { 'better-sqlite3': true },
      }),
    );
    const installed = await npm(project, ['install', '--no-audit', `../${tarballName}`]);
    installOutput = installed.stdout + installed.stderr;
  },
  { timeout: 15 * 60_000 },
);

after(() => {
  rmSync(work, { recursive: true, force: true });
});

/** The command's environment: the project's bin folder first on the PATH, as after `-g`. */
function withBinOnPath(): NodeJS.ProcessEnv {
  const bin = join(project, 'node_modules', '.bin');
  return { ...process.env, PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}` };
}

/** Runs a server command, waits for its readiness line, asks it one question, stops it. */
async function serveAndAsk(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<number> {
  const child = spawn(command, [...args, '--port', '0', '--memory'], {
    cwd: project,
    env: { ...withBinOnPath(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: npx runs the command through a shell that does not pass signals on,
    // so the whole group is stopped, or the server would outlive the test and hold it open.
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const match = /listening on (http:\/\/\S+)/.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
      void exited.then(() => {
        reject(new Error(`exited before listening: ${stderr}`));
      });
    });
    const response = await fetch(`${url}/crm/v3/objects/contacts`);
    return response.status;
  } finally {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}

test('the tarball holds the built library and command, without tests or source maps', () => {
  for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'README.md']) {
    assert.ok(packedFiles.includes(file), `${file} is packed`);
  }
  const unwanted = packedFiles.filter((file) =>
    /(\.test\.|\.map$|tsbuildinfo|^src\/|^test\/|^bench\/)/.test(file),
  );
  assert.deepEqual(unwanted, []);
});

test('installing it on Node 20 warns of no engine', () => {
  const warned = [...installOutput.matchAll(/EBADENGINE\s+package: '([^']+)'/g)].map(
    (match) => match[1],
  );
  assert.deepEqual(warned, []);
});

test('the installed tree pins what fastify tests requests with to a version for Node 20', async () => {
  // fastify asks for light-my-request ^6; from 6.8 it needs cookie 2, which declares Node 22.
  const { stdout } = await npm(project, ['ls', '--all', '--json', 'cookie']);
  const versions = [...stdout.matchAll(/"cookie": \{\s*"version": "([^"]+)"/g)].map((m) => m[1]);
  assert.ok(versions.length > 0, 'cookie is installed');
  assert.deepEqual(
    versions.filter((version) => !version!.startsWith('1.')),
    [],
  );
});

test('the installed command is on the PATH, prints its version and serves', async () => {
  const { stdout } = await run('hubspot-associations-server', ['--version'], {
    env: withBinOnPath(),
  });
  assert.equal(stdout.trim(), manifest.version);
  assert.equal(await serveAndAsk('hubspot-associations-server', ['serve']), 200);
});

test('npx with the tarball serves', async () => {
  // npx installs a tarball into a cache of its own even when the project has installed it (it
  // matches installed packages to registry specs only): a second install, into a cache of this
  // test's own, so nothing is left in the user's.
  const cache = join(work, 'npm-cache');
  const status = await serveAndAsk('npx', ['--yes', `../${tarballName}`, 'serve'], {
    ...PREBUILD_ENV,
    npm_config_cache: cache,
  });
  assert.equal(status, 200);
});

test('a project that installed it imports startServer from the package name', async () => {
  const script = join(project, 'uses-it.js');
  writeFileSync(
    script,
    [
      "import { startServer } from 'hubspot-associations-server';",
      'const server = await startServer();',
      'const response = await fetch(`${server.url}/crm/v3/objects/contacts`, {',
      '  headers: { authorization: `Bearer ${server.token}` },',
      '});',
      'console.log(response.status);',
      'await server.close();',
    ].join('\n'),
  );
  const { stdout } = await run(process.execPath, [script], { cwd: project });
  assert.equal(stdout.trim(), '200');
});
