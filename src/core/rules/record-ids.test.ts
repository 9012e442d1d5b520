// Record ids name a record only as HubSpot spells them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRecordId } from './record-ids.js';

test('ids in decimal digits, as strings or numbers, name the record they spell', () => {
  assert.equal(parseRecordId('12345678901'), 12345678901);
  assert.equal(parseRecordId(12345678901), 12345678901);
  assert.equal(parseRecordId('9007199254740991'), 9007199254740991);
});

test('spaces, line breaks, leading zeros, signs and other forms name no record', () => {
  for (const raw of [
    ' 12',
    '12 ',
    '12\n',
    '\t12',
    '012',
    '0',
    '00',
    '+12',
    '-12',
    '1.0',
    '1e3',
    '0x1f',
    '１２',
    '',
    '9007199254740993',
    '12345678901234567',
  ]) {
    assert.equal(parseRecordId(raw), null, JSON.stringify(raw));
  }
  for (const raw of [0, -1, 1.5, 1e21, Number.NaN]) assert.equal(parseRecordId(raw), null);
});
