// The documentation says what the code does: the error table matches the catalogue.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ERROR_CODES, type ErrorCode } from '../src/core/errors.js';
import { statusOf } from '../src/http/error-envelope.js';

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
