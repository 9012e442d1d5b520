// The command line's answers to first mistakes: each ends the command with exit code 1 and a
// message that says what was wrong and what would work, and leaves nothing behind.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { runCli } from '../helpers/server-process.js';

const ACCEPTED_FORMS = /--db takes a SQLite file path .* or a postgres:\/\/ or postgresql:\/\/ URL/;

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'has-mistakes-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** Runs the command, which must fail; resolves with what it wrote to stderr. */
async function refusal(args: readonly string[]): Promise<string> {
  const result = await runCli(args);
  assert.equal(result.code, 1, `exit code of ${args.join(' ')}: ${result.stderr}`);
  assert.equal(result.stdout, '');
  return result.stderr;
}

test('--version prints the version of the package', async () => {
  const { version } = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  const result = await runCli(['--version']);
  assert.equal(result.code, 0);
  assert.equal(result.stdout, `${version}\n`);
});

test('--db with a scheme other than postgres says which forms are accepted', async (t) => {
  const dir = tempDir(t);
  const [mysql, sqlite] = await Promise.all([
    refusal(['serve', '--port', '0', '--db', 'mysql://root@localhost/crm']),
    refusal(['export', '--db', 'sqlite:portal.db', '--out', join(dir, 'out.ndjson')]),
  ]);
  assert.match(mysql, /mysql: is not supported/);
  assert.match(mysql, ACCEPTED_FORMS);
  assert.match(sqlite, /sqlite: is not supported/);
  assert.match(sqlite, ACCEPTED_FORMS);
  assert.equal(existsSync('sqlite:portal.db'), false, 'no file named after the URL');
});

test('an unreachable PostgreSQL is named by host and port, with what to check', async () => {
  // Port 1 is reserved (tcpmux) and closed on any machine that runs these tests.
  const stderr = await refusal(['serve', '--port', '0', '--db', 'postgres://app@127.0.0.1:1/crm']);
  assert.match(stderr, /cannot reach PostgreSQL at 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
  assert.match(stderr, /check that the server is running/);
});

test('export refuses a SQLite file that does not exist instead of creating it', async (t) => {
  const missing = join(tempDir(t), 'nosuch.db');
  const stderr = await refusal(['export', '--db', missing]);
  assert.match(stderr, new RegExp(`no SQLite database at ${missing}: check the path`));
  assert.equal(existsSync(missing), false);
});

test('a config value that is not allowed is answered with the values that are', async (t) => {
  const file = join(tempDir(t), 'server.json');
  writeFileSync(file, JSON.stringify({ auth: 'closed', rateLimits: 'gold', colour: 'blue' }));
  const stderr = await refusal(['serve', '--memory', '--port', '0', '--config', file]);
  assert.match(stderr, /\/auth: "closed" is not allowed; expected "open" or "strict"/);
  assert.match(
    stderr,
    /\/rateLimits: "gold" is not allowed; expected "off", "free", .*"enterprise"/,
  );
  assert.match(
    stderr,
    /\/colour: unknown key; allowed keys: auth, adminToken, rateLimits, searchLagMs, apps, webhooks, undeclaredProperties, portals/,
  );
});

test('serve options given without serve say that they belong to serve', async () => {
  const [alone, onExport] = await Promise.all([
    refusal(['--port', '4000']),
    refusal(['export', '--memory']),
  ]);
  assert.match(alone, /--port is an option of serve \(no command was given\)/);
  assert.match(alone, /hubspot-associations-server serve --port/);
  assert.match(onExport, /--memory is an option of serve \(export does not take it\)/);
});
