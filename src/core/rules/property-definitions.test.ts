// The Properties API's rules without a store: type and fieldType pairs, options, names, updates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../errors.js';
import {
  FIELD_TYPES_BY_TYPE,
  newPropertyDefinition,
  newPropertyGroup,
  updatedPropertyDefinition,
} from './property-definitions.js';

const NOW = '2026-01-02T03:04:05.678Z';
const base = { name: 'size', label: 'Size', groupName: 'contactinformation' };

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DomainError);
    return `${error.code}: ${error.message}`;
  }
  return 'accepted';
}

test('every documented type and fieldType pair is accepted, every other pair refused', () => {
  const allFieldTypes = [...new Set(Object.values(FIELD_TYPES_BY_TYPE).flat())];
  for (const [type, allowed] of Object.entries(FIELD_TYPES_BY_TYPE)) {
    for (const fieldType of allFieldTypes) {
      const outcome = refusal(() =>
        newPropertyDefinition('0-1', { ...base, type, fieldType }, NOW),
      );
      if (allowed.includes(fieldType)) assert.equal(outcome, 'accepted', `${type}/${fieldType}`);
      else assert.match(outcome, /^INVALID_PROPERTY: Invalid fieldType/, `${type}/${fieldType}`);
    }
  }
  assert.match(
    refusal(() => newPropertyDefinition('0-1', { ...base, type: 'json', fieldType: 'text' }, NOW)),
    /^INVALID_PROPERTY: Invalid type 'json'/,
  );
});

test('names, labels and options are checked; defaults fill what a create leaves out', () => {
  const create = (extra: object) =>
    refusal(() =>
      newPropertyDefinition('0-1', { ...base, type: 'string', fieldType: 'text', ...extra }, NOW),
    );
  for (const name of ['Size', '1size', 'size-x', 'size x', '', 'a'.repeat(101)]) {
    assert.match(create({ name }), /^INVALID_PROPERTY: Invalid property name/, name);
  }
  assert.equal(create({ name: 'a'.repeat(100) }), 'accepted');
  assert.match(create({ label: '  ' }), /blank/);
  assert.match(create({ label: 'nul \u0000' }), /^INVALID_INPUT: .*NUL/);
  assert.match(
    create({ options: [{ label: 'A', value: 'a', hidden: false }] }),
    /takes no options/,
  );
  const option = { label: 'A', value: 'a', hidden: false };
  const twice = refusal(() =>
    newPropertyDefinition(
      '0-1',
      { ...base, type: 'enumeration', fieldType: 'select', options: [option, option] },
      NOW,
    ),
  );
  assert.match(twice, /option value 'a' twice/);
  const made = newPropertyDefinition('0-1', { ...base, type: 'string', fieldType: 'text' }, NOW);
  assert.deepEqual(made, {
    objectTypeId: '0-1',
    ...base,
    type: 'string',
    fieldType: 'text',
    description: '',
    options: [],
    displayOrder: -1,
    hasUniqueValue: false,
    hidden: false,
    formField: false,
    createdAt: NOW,
    updatedAt: NOW,
    archivedAt: null,
  });
  assert.match(
    refusal(() => newPropertyGroup('0-1', { name: 'G', label: 'G' })),
    /group name/,
  );
});

test('an update changes only PropertyUpdate fields, and is checked as a create is', () => {
  const stored = newPropertyDefinition('0-1', { ...base, type: 'string', fieldType: 'text' }, NOW);
  const later = '2026-02-01T00:00:00.000Z';
  const sneaky = { label: 'New', name: 'renamed', objectTypeId: '0-2', hasUniqueValue: true };
  const updated = updatedPropertyDefinition(stored, sneaky, later);
  assert.equal(updated.label, 'New');
  assert.equal(updated.name, 'size');
  assert.equal(updated.objectTypeId, '0-1');
  assert.equal(updated.hasUniqueValue, false);
  assert.equal(updated.updatedAt, later);
  assert.equal(updated.createdAt, NOW);
  assert.match(
    refusal(() => updatedPropertyDefinition(stored, { type: 'number' }, later)),
    /Invalid fieldType 'text'/,
  );
  assert.equal(
    updatedPropertyDefinition(stored, { type: 'number', fieldType: 'number' }, later).type,
    'number',
  );
});
