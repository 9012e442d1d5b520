// Runs every *.test.ts under src/ and test/ with node's test runner through tsx.
// Node 20's --test does not expand globs, so the file list is gathered here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const roots = process.argv.length > 2 ? process.argv.slice(2) : ['src', 'test'];
const files = roots.flatMap((root) => (statSync(root).isDirectory() ? findTests(root) : [root]));
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
