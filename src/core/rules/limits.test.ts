// Limit rules: valid values relative to the pair's other limits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HUBSPOT_DEFINED_CATALOG } from '../association-types.js';
import { DomainError } from '../errors.js';
import type { AssociationType } from '../model.js';
import { assertLimitValue } from './limits.js';

function type(typeId: number): AssociationType {
  const found = HUBSPOT_DEFINED_CATALOG.find('0-1', '0-2', { category: 'HUBSPOT_DEFINED', typeId });
  if (!found) throw new Error(`no type ${typeId}`);
  return found;
}

function rejects(run: () => void, message: RegExp): void {
  assert.throws(run, (error) => error instanceof DomainError && message.test(error.message));
}

test('a value is 1 to 10,000, a label at most its pair, the pair at least its labels', () => {
  rejects(() => {
    assertLimitValue(type(279), 0, []);
  }, /between 1 and 10000/);
  rejects(() => {
    assertLimitValue(type(279), 10_001, []);
  }, /between 1 and 10000/);
  rejects(() => {
    assertLimitValue(type(931), 4, [{ type: type(279), max: 3 }]);
  }, /1-3/);
  rejects(() => {
    assertLimitValue(type(279), 1, [{ type: type(931), max: 2 }]);
  }, /at least 2/);
  assertLimitValue(type(931), 3, [{ type: type(279), max: 3 }]);
  assertLimitValue(type(279), 5, [
    { type: type(279), max: 9 },
    { type: type(931), max: 5 },
  ]);
});
