// Writes that cannot meet are stored without the in-memory state: the same rows, in the same order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { HUBSPOT_DEFINED_CATALOG } from '../association-types.js';
import type { AssociationType, LimitConfig, RecordPair } from '../model.js';
import type { StoreTransaction } from '../ports.js';
import type { LabelWrite } from '../rules/label-writes.js';
import { planWrites } from './apply-label-writes.js';

const catalog = HUBSPOT_DEFINED_CATALOG;

function type(from: string, to: string, typeId: number): AssociationType {
  const found = catalog.find(from, to, { category: 'HUBSPOT_DEFINED', typeId });
  if (!found) throw new Error(`no type ${typeId} from ${from} to ${to}`);
  return found;
}

/** A portal with no stored rows, and the limits given. */
function emptyStore(limits: LimitConfig[]): StoreTransaction {
  const tx: Pick<StoreTransaction, 'listLimits' | 'holdsPairs' | 'rowsTouchedByWrites'> = {
    listLimits: () => Promise.resolve(limits),
    holdsPairs: false,
    rowsTouchedByWrites: () => Promise.resolve([]),
  };
  return tx as StoreTransaction;
}

/** A limit no write below touches: it only keeps the writes on the in-memory state. */
const UNRELATED: LimitConfig = {
  fromObjectTypeId: '0-2',
  toObjectTypeId: '0-2',
  category: 'HUBSPOT_DEFINED',
  typeId: 450,
  maxToObjectIds: 1000,
};

const contactCompanyTypes = [279, 931].map((id) => type('0-1', '0-2', id));
const contactContactTypes = [type('0-1', '0-1', 449)];

const writes = (from: string, to: string, types: AssociationType[]) =>
  fc
    .array(
      fc.record({
        fromId: fc.integer({ min: 1, max: 12 }),
        toId: fc.integer({ min: 1, max: 12 }),
        types: fc.array(fc.constantFrom(...types), { minLength: 1, maxLength: 3 }),
        mode: fc.constantFrom('replace' as const, 'add' as const),
      }),
      { minLength: 1, maxLength: 8 },
    )
    .map((inputs) =>
      inputs.map(({ fromId, toId, types: chosen, mode }): LabelWrite => {
        const pair: RecordPair = { fromObjectTypeId: from, fromId, toObjectTypeId: to, toId };
        return { pair, types: chosen, mode };
      }),
    );

for (const [name, from, to, types] of [
  ['contacts to companies', '0-1', '0-2', contactCompanyTypes],
  ['contacts to contacts', '0-1', '0-1', contactContactTypes],
] as const) {
  test(`fresh writes of ${name} plan what the in-memory state plans`, async () => {
    await fc.assert(
      fc.asyncProperty(writes(from, to, [...types]), async (batch) => {
        const direct = await planWrites(catalog, emptyStore([]), 1, batch);
        const inMemory = await planWrites(catalog, emptyStore([UNRELATED]), 1, batch);
        assert.deepEqual(direct, inMemory);
      }),
      { numRuns: 300 },
    );
  });
}

test('a batch of new pairs is stored forward rows first, then the rows back', async () => {
  const billing = type('0-1', '0-2', 931);
  const plan = await planWrites(catalog, emptyStore([]), 1, [
    {
      pair: { fromObjectTypeId: '0-1', fromId: 1, toObjectTypeId: '0-2', toId: 10 },
      types: [billing],
    },
    {
      pair: { fromObjectTypeId: '0-1', fromId: 2, toObjectTypeId: '0-2', toId: 20 },
      types: [type('0-1', '0-2', 279)],
    },
  ]);
  assert.deepEqual(
    plan.changes.insert.map((row) => `${row.fromId}>${row.toId}/${row.typeId}`),
    ['1>10/279', '1>10/931', '2>20/279', '10>1/280', '10>1/930', '20>2/280'],
  );
  assert.deepEqual(plan.changes.delete, []);
  assert.ok(plan.outcomes.every((outcome) => outcome.applied));
});
