// The documentation says what the code does: errors and operations match the code's own tables.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { format } from 'prettier';
import { createCore } from '../src/core/create-core.js';
import { ERROR_CODES, type ErrorCode } from '../src/core/errors.js';
import { buildApp } from '../src/http/build-app.js';
import { statusOf } from '../src/http/error-envelope.js';
import { renderOperationsDoc } from '../src/http/operations.js';
import type { OpenAPIV3 } from 'openapi-types';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

test('docs/errors.md lists every error code with its category, status and meaning, and no other', () => {
  const text = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  const rows = text
    .split('\n')
    .filter((line) => /^\|\s*[A-Z_]+\s*\|/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  const documented = rows.map(([code, category, status, meaning]) => ({
    code,
    category,
    status,
    meaning,
  }));
  const catalogue = (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => ({
    code,
    category: ERROR_CODES[code].category,
    status: String(statusOf(code)),
    meaning: ERROR_CODES[code].meaning,
  }));
  assert.deepEqual(documented, catalogue);
});

test('docs/operations.md lists exactly the operations the app serves', async (t) => {
  const store = new SqliteStore({ filename: ':memory:' });
  const app = buildApp({ core: createCore({ store }) });
  await app.ready();
  t.after(async () => {
    await app.close();
    await store.close();
  });
  const response = await app.inject({ method: 'GET', url: '/_emulator/openapi.json' });
  const document = response.json<OpenAPIV3.Document>();
  const expected = await format(renderOperationsDoc(document), { parser: 'markdown' });
  const text = readFileSync(new URL('../docs/operations.md', import.meta.url), 'utf8');
  assert.equal(text, expected, 'docs/operations.md is out of date: run npm run docs:operations');
  const served = new Set(app.operations.map((op) => `${op.method} ${op.path}`));
  assert.equal(served.size, app.operations.length, 'an operation is registered twice');
});
