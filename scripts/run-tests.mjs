// Runs the test suite with node's test runner through tsx: tests that do not depend on the store
// engine once, and those that go through a store (ENGINE_DIRS) once per engine, with TEST_STORE
// set; the tests of the package as installed (ALONE_DIRS) last, on their own, one file at a time:
// they build and install it, which takes the machine's cores for minutes and would slow the
// others into their timeouts. Ends with the line `N passed, N failed` summed over every pass, and fails if any pass did.
// Node 20's --test does not expand globs, so the file lists are gathered here.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, sep } from 'node:path';
import pg from 'pg';

/** Folders whose tests run once per engine. */
const ENGINE_DIRS = ['test/http', 'test/sdk', 'test/cli'].map((dir) => dir.split('/').join(sep));
const ENGINES = ['sqlite', 'postgres'];
/** Folders whose tests run after all others, one file at a time. */
const ALONE_DIRS = ['test/package'].map((dir) => dir.split('/').join(sep));
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The databases of this run's test processes start with it; see test/helpers/postgres.ts. */
const DATABASE_PREFIX = `has_test_${process.pid}_`;

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Why PostgreSQL cannot be used, or null when it can. */
async function postgresUnavailable() {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    const url = new URL(DATABASE_URL);
    url.password = '';
    return `PostgreSQL is not reachable at ${url} (${error.message || error.name})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops the databases this run's test processes left behind (when one was killed, say). */
async function dropLeftovers() {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1',
      [DATABASE_PREFIX],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

/** Runs node's test runner on `files`, echoing its report; resolves with its counts. */
function runPass(name, files, env, concurrency = availableParallelism()) {
  process.stdout.write(`\n# ${name}\n`);
  const child = spawn(
    process.execPath,
    // One file per core, not node's default of one fewer: the tests mostly wait on I/O (a
    // server, PostgreSQL, a child process), and on two cores this takes a third off the time.
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      '--test-reporter=spec',
      ...files,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, TEST_DATABASE_PREFIX: DATABASE_PREFIX, ...env },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
    process.stdout.write(chunk);
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const count = (label) =>
        Number(new RegExp(`^ℹ ${label} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
      const failed = count('fail') + count('cancelled');
      // Node counts skipped tests but not skipped suites; the spec reporter marks both with ﹣.
      const skipped = output.match(/^\s*﹣ /gm)?.length ?? 0;
      // A runner that failed without reporting a failed test still fails its pass.
      resolve({ passed: count('pass'), failed: code === 0 || failed > 0 ? failed : 1, skipped });
    });
  });
}

const roots = process.argv.length > 2 ? process.argv.slice(2) : ['src', 'test'];
const files = roots.flatMap((root) => (statSync(root).isDirectory() ? findTests(root) : [root]));
const inDirs = (dirs) => (file) => dirs.some((dir) => file.startsWith(dir + sep));
const perEngine = files.filter(inDirs(ENGINE_DIRS));
const alone = files.filter(inDirs(ALONE_DIRS));
const once = files.filter((file) => !perEngine.includes(file) && !alone.includes(file));
const engines = process.env.TEST_STORE ? [process.env.TEST_STORE] : ENGINES;

const postgresProblem = await postgresUnavailable();
const results = [];
if (once.length > 0) {
  results.push(await runPass(`engine-independent: ${once.length} files`, once, {}));
}
for (const engine of perEngine.length > 0 ? engines : []) {
  const unavailable = engine === 'postgres' ? postgresProblem : null;
  if (unavailable === null) {
    const name = `TEST_STORE=${engine}: ${perEngine.length} files`;
    results.push(await runPass(name, perEngine, { TEST_STORE: engine }));
  } else if (process.env.REQUIRE_POSTGRES === '1') {
    process.stdout.write(`\n# TEST_STORE=${engine}: failed, REQUIRE_POSTGRES=1: ${unavailable}\n`);
    results.push({ passed: 0, failed: 1, skipped: 0 });
  } else {
    const reason = `${unavailable}; set REQUIRE_POSTGRES=1 to make this a failure`;
    results.push(
      await runPass(
        `TEST_STORE=${engine}: ${perEngine.length} files, skipped`,
        ['test/helpers/skipped-pass.ts'],
        {
          SKIPPED_FILES: JSON.stringify(perEngine),
          SKIP_REASON: reason,
        },
      ),
    );
  }
}
if (alone.length > 0) {
  results.push(await runPass(`the installed package: ${alone.length} files`, alone, {}, 1));
}
if (postgresProblem === null) await dropLeftovers();

const total = (key) => results.reduce((sum, result) => sum + result[key], 0);
const [passed, failed, skipped] = ['passed', 'failed', 'skipped'].map(total);
process.stdout.write(
  `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
);
process.exit(failed > 0 ? 1 : 0);
