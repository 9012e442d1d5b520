// The test runner without a reachable PostgreSQL: the tests that need it are reported as skipped,
// with the reason, and the run passes; with REQUIRE_POSTGRES=1 the same run fails.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = new URL('../', import.meta.url).pathname;
/** Nothing listens on port 1 (tcpmux) on a machine that runs these tests. */
const CLOSED = 'postgres://postgres@127.0.0.1:1/postgres';
/** A file that runs once, over both engines, and one that runs once per engine. */
const FILES = ['test/core/portals.test.ts', 'test/cli/first-mistakes.test.ts'];

async function runTests(require: boolean): Promise<{ code: number; stdout: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TEST_DATABASE_URL: CLOSED };
  delete env['REQUIRE_POSTGRES'];
  // Set for this file by node's test runner; a runner started with it reports to this one.
  delete env['NODE_TEST_CONTEXT'];
  if (require) env['REQUIRE_POSTGRES'] = '1';
  // TEST_STORE=postgres: the per-engine file runs only where PostgreSQL is needed.
  env['TEST_STORE'] = 'postgres';
  try {
    const { stdout } = await run(process.execPath, ['scripts/run-tests.mjs', ...FILES], {
      cwd: ROOT,
      env,
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

test('without PostgreSQL, its tests are skipped with the reason and the run passes', async () => {
  const { code, stdout } = await runTests(false);
  assert.equal(code, 0, stdout);
  assert.match(stdout, /﹣ portals and tokens \(postgres\).*# PostgreSQL is not reachable at/);
  assert.match(stdout, /﹣ test\/cli\/first-mistakes\.test\.ts .*set REQUIRE_POSTGRES=1/);
  assert.match(stdout, /^\d+ passed, 0 failed, 2 skipped$/m);
});

test('without PostgreSQL and with REQUIRE_POSTGRES=1, the run fails', async () => {
  const { code, stdout } = await runTests(true);
  assert.equal(code, 1);
  assert.match(stdout, /failed, REQUIRE_POSTGRES=1: PostgreSQL is not reachable/);
});
