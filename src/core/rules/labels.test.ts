// Label rules: names HubSpot accepts, texts, and finding a label by either direction's type id.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../errors.js';
import { assertLabelName, findLabel, labelText, labelsBetween } from './labels.js';

const invalid = (error: unknown) => error instanceof DomainError && error.code === 'INVALID_LABEL';

test('names have no hyphen, no leading digit, no surrounding spaces, at most 100 characters', () => {
  for (const name of ['decision_maker', 'Manager', 'a', 'x'.repeat(100), 'with space']) {
    assertLabelName(name);
  }
  for (const name of ['', 'a-b', '9lives', ' lead', 'tail ', 'x'.repeat(101)]) {
    assert.throws(
      () => {
        assertLabelName(name);
      },
      invalid,
      name,
    );
  }
});

test('texts are trimmed and must not be blank', () => {
  assert.equal(labelText('  Point of contact ', 'label'), 'Point of contact');
  assert.throws(() => labelText('   ', 'inverseLabel'), invalid);
});

test('labels are found between a pair in either order, and by either type id', () => {
  const label = {
    fromObjectTypeId: '0-1',
    toObjectTypeId: '0-2',
    typeId: 7,
    inverseTypeId: 8,
    name: 'n',
    label: 'A',
    inverseLabel: 'B',
  };
  const other = { ...label, toObjectTypeId: '0-3', typeId: 9, inverseTypeId: 10 };
  assert.deepEqual(labelsBetween([label, other], '0-2', '0-1'), [label]);
  assert.deepEqual(findLabel([label], 8), { label, forward: false });
  assert.equal(findLabel([label], 9), undefined);
});
