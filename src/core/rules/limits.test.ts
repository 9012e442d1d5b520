// Limit rules: valid values relative to the pair's other limits, and admission in input order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HUBSPOT_DEFINED_CATALOG } from '../association-types.js';
import { DomainError } from '../errors.js';
import type { AssociationRow, AssociationType } from '../model.js';
import { LimitLedger, assertLimitValue, limitKeyOf } from './limits.js';

function type(typeId: number): AssociationType {
  const found = HUBSPOT_DEFINED_CATALOG.find('0-1', '0-2', { category: 'HUBSPOT_DEFINED', typeId });
  if (!found) throw new Error(`no type ${typeId}`);
  return found;
}

function row(fromId: number, toId: number, typeId = 279): AssociationRow {
  const spec = { category: 'HUBSPOT_DEFINED', typeId } as const;
  return { fromObjectTypeId: '0-1', fromId, toObjectTypeId: '0-2', toId, ...spec };
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

test('the ledger admits inputs in order until the limit, counting stored and repeated targets once', () => {
  const limits = new Map([[limitKeyOf(row(1, 1)), 2]]);
  const ledger = new LimitLedger(limits, [row(1, 10)]);
  assert.equal(ledger.admit([row(1, 10)]), null, 'a stored target adds nothing');
  assert.equal(ledger.admit([row(1, 11)]), null);
  assert.deepEqual(ledger.admit([row(1, 12)]), row(1, 12));
  assert.equal(ledger.admit([row(2, 12), row(2, 13)]), null, 'another record has its own count');
  assert.equal(ledger.admit([row(1, 5, 1)]), null, 'an unlimited type passes');
});

test('a refused input admits none of its rows', () => {
  const limits = new Map([[limitKeyOf(row(1, 1)), 1]]);
  const ledger = new LimitLedger(limits, []);
  assert.deepEqual(ledger.admit([row(2, 20), row(1, 10), row(1, 11)]), row(1, 11));
  assert.equal(ledger.admit([row(2, 21)]), null, 'record 2 still has its free slot');
});
