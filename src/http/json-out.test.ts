// JsonOut writes the same bytes JSON.stringify would, whatever the answer's size.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { encodedJson, JsonOut } from './json-out.js';

/** What the writers write: an array of ids and labels, as a target list is written. */
function written(items: readonly (number | string)[], initialBytes?: number): string {
  const out = new JsonOut(initialBytes);
  const comma = encodedJson(',');
  out.text('[');
  items.forEach((item, index) => {
    if (index > 0) out.bytes(comma);
    if (typeof item === 'number') out.integer(item);
    else out.text(JSON.stringify(item));
  });
  out.text(']');
  return out.finish().toString('utf8');
}

test('ids and texts come out as JSON.stringify writes them, at any size', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.constantFrom(0, 9, 10, 99, 100, 10_000_000_001, Number.MAX_SAFE_INTEGER),
          fc.nat({ max: Number.MAX_SAFE_INTEGER }),
          fc.string({ unit: 'binary' }), // any code point: up to four UTF-8 bytes each
        ),
        { maxLength: 300 },
      ),
      fc.integer({ min: 1, max: 64 }),
      (items, initialBytes) => {
        assert.equal(written(items, initialBytes), JSON.stringify(items));
      },
    ),
  );
});

test('a megabyte answer grows from the first small buffer intact', () => {
  const items = Array.from({ length: 100_000 }, (_, index) =>
    index % 2 === 0 ? 10_000_000_001 + index : `étiquette ${index} 🔗`,
  );
  assert.equal(written(items), JSON.stringify(items));
});

test('numbers that are not record ids are written as JSON writes them', () => {
  assert.equal(written([-1, 1.5, 2 ** 53, Number.NaN]), JSON.stringify([-1, 1.5, 2 ** 53, null]));
});
