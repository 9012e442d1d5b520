// Paging cursors: opaque, URL-safe, and anything the server did not issue is INVALID_PAGING.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../errors.js';
import { decodeCursor, encodeCursor, readLimit } from './paging.js';

function invalidPaging(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'INVALID_PAGING';
}

test('a cursor resumes after the id it was made from, also padded or URL-encoded', () => {
  const cursor = encodeCursor(10000000042);
  assert.match(cursor, /^[A-Za-z0-9_-]+$/);
  assert.equal(decodeCursor(cursor), 10000000042);
  assert.equal(decodeCursor(`${cursor}==`), 10000000042);
  assert.equal(decodeCursor(`${cursor}%3D%3D`), 10000000042);
});

test('foreign, malformed and badly escaped cursors are refused, never thrown as anything else', () => {
  for (const cursor of ['', '%', '%E0%A4%A', 'zzz', Buffer.from('k1:-5').toString('base64url')]) {
    assert.throws(() => decodeCursor(cursor), invalidPaging, cursor);
  }
});

test('limits default when absent, are capped, and must be positive integers', () => {
  assert.equal(readLimit(undefined, 500, 500), 500);
  assert.equal(readLimit(9000, 500, 500), 500);
  assert.equal(readLimit(3, 500, 500), 3);
  for (const limit of [0, -1, 1.5]) assert.throws(() => readLimit(limit, 10, 100), invalidPaging);
});
