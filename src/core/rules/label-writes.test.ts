// One write applied to rows in memory, as a single PUT would, and several in order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HUBSPOT_DEFINED_CATALOG } from '../association-types.js';
import type { AssociationType, RecordPair } from '../model.js';
import { AssociationState } from './association-state.js';
import { applyWrite, rowsWritten, type LabelWrite } from './label-writes.js';

const catalog = HUBSPOT_DEFINED_CATALOG;

function type(from: string, to: string, typeId: number): AssociationType {
  const found = catalog.find(from, to, { category: 'HUBSPOT_DEFINED', typeId });
  if (!found) throw new Error(`no type ${typeId} from ${from} to ${to}`);
  return found;
}

/** The contact-to-primary-company type, followed so Primary can move. */
const CONTACT_PRIMARY = type('0-1', '0-2', 1);

function pair(fromId: number, toId: number, from = '0-1', to = '0-2'): RecordPair {
  return { fromObjectTypeId: from, fromId, toObjectTypeId: to, toId };
}

/** `toId:typeId` of every row from the record to the to-type, sorted. */
function rowsFrom(
  state: AssociationState,
  fromId: number,
  toIds: number[],
  from = '0-1',
  to = '0-2',
) {
  return toIds
    .flatMap((toId) =>
      state.rowsOf(pair(fromId, toId, from, to)).map((row) => `${toId}:${row.typeId}`),
    )
    .sort();
}

function apply(state: AssociationState, writes: LabelWrite[]): void {
  for (const write of writes) applyWrite(catalog, state, write);
}

test('replace leaves the pair with exactly the requested labels, both directions', () => {
  const billing = type('0-1', '0-2', 931);
  const stored = rowsWritten(catalog, { pair: pair(1, 10), types: [billing] });
  const complete = [pair(1, 10), pair(10, 1, '0-2', '0-1')];
  const state = new AssociationState(stored, complete, [CONTACT_PRIMARY]);
  apply(state, [{ pair: pair(1, 10), types: [type('0-1', '0-2', 1)] }]);
  assert.deepEqual(rowsFrom(state, 1, [10]), ['10:1', '10:279']);
  assert.deepEqual(rowsFrom(state, 10, [1], '0-2', '0-1'), ['1:2', '1:280']);
  assert.deepEqual(
    state
      .changes()
      .delete.map((row) => row.typeId)
      .sort(),
    [930, 931],
  );
});

test('the last claim of a Primary wins, also when the same pair is claimed twice', () => {
  const primary = type('0-5', '0-2', 26);
  const ticket = (toId: number) => pair(1, toId, '0-5', '0-2');
  const contactPrimary = {
    ...type('0-1', '0-2', 1),
    fromObjectTypeId: '0-1',
    toObjectTypeId: '0-2',
  };
  const state = new AssociationState([], [ticket(10), ticket(11)], [primary, contactPrimary]);
  apply(state, [
    { pair: ticket(10), types: [primary] },
    { pair: ticket(11), types: [primary] },
    { pair: ticket(10), types: [primary] },
  ]);
  assert.deepEqual(rowsFrom(state, 1, [10, 11], '0-5', '0-2'), ['10:26', '10:339', '11:339']);
  const add: LabelWrite = { pair: pair(2, 10), types: [type('0-1', '0-2', 1)], mode: 'add' };
  apply(state, [add, add]);
  assert.deepEqual(rowsFrom(state, 2, [10]), ['10:1', '10:279']);
});

test('a later replace takes off what an earlier input of the batch wrote', () => {
  const state = new AssociationState([], [pair(1, 10)], [CONTACT_PRIMARY]);
  apply(state, [
    { pair: pair(1, 10), types: [type('0-1', '0-2', 1)] },
    { pair: pair(1, 10), types: [type('0-1', '0-2', 931)] },
  ]);
  assert.deepEqual(rowsFrom(state, 1, [10]), ['10:279', '10:931']);
});

test('no types writes nothing; undo returns to the mark', () => {
  const state = new AssociationState([], [pair(1, 10)]);
  apply(state, [{ pair: pair(1, 10), types: [] }]);
  assert.deepEqual(state.changes(), { insert: [], delete: [] });
  const mark = state.mark();
  apply(state, [{ pair: pair(1, 10), types: [type('0-1', '0-2', 279)] }]);
  assert.equal(state.addedSince(mark).length, 2);
  state.undo(mark);
  assert.deepEqual(state.changes(), { insert: [], delete: [] });
  assert.deepEqual(rowsFrom(state, 1, [10]), []);
});
