// The merge planner: rows moved onto the merged record, the pair between the two dropped, and
// one Primary target per type.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HUBSPOT_DEFINED_CATALOG } from '../association-types.js';
import type { AssociationRow } from '../model.js';
import { planMergedAssociations, type MergeIdentity } from './merge-associations.js';

const CONTACTS: MergeIdentity = { objectTypeId: '0-1', primaryId: 1, otherId: 2, mergedId: 9 };

/** Both directions of a HubSpot-defined type: `from` and `to` as `type/id`. */
function both(from: string, to: string, typeId: number, inverseTypeId: number): AssociationRow[] {
  const end = (text: string) => text.split('/') as [string, string];
  const one = (a: string, b: string, id: number): AssociationRow => ({
    fromObjectTypeId: end(a)[0],
    fromId: Number(end(a)[1]),
    toObjectTypeId: end(b)[0],
    toId: Number(end(b)[1]),
    category: 'HUBSPOT_DEFINED',
    typeId: id,
  });
  return [one(from, to, typeId), one(to, from, inverseTypeId)];
}

function shown(rows: readonly AssociationRow[]): string[] {
  return rows
    .map((r) => `${r.fromObjectTypeId}/${r.fromId}>${r.toObjectTypeId}/${r.toId}:${r.typeId}`)
    .sort();
}

test('rows of both records move onto the merged record once each; the pair between them goes', () => {
  const plan = planMergedAssociations(
    HUBSPOT_DEFINED_CATALOG,
    {
      live: [
        ...both('0-1/1', '0-2/50', 279, 280),
        ...both('0-1/2', '0-2/50', 279, 280),
        ...both('0-3/70', '0-1/2', 3, 4),
        ...both('0-1/1', '0-1/2', 449, 449),
      ],
      setAside: both('0-1/2', '0-2/60', 279, 280),
    },
    CONTACTS,
  );
  assert.deepEqual(shown(plan.live), [
    ...shown([...both('0-1/9', '0-2/50', 279, 280), ...both('0-3/70', '0-1/9', 3, 4)]),
  ]);
  assert.deepEqual(shown(plan.setAside), shown(both('0-1/9', '0-2/60', 279, 280)));
});

test("the primary record's Primary target stays; the other's keeps only its other types", () => {
  const primaryCompany = [...both('0-1/1', '0-2/50', 279, 280), ...both('0-1/1', '0-2/50', 1, 2)];
  const otherCompany = [...both('0-1/2', '0-2/60', 279, 280), ...both('0-1/2', '0-2/60', 1, 2)];
  const expected = shown([
    ...both('0-1/9', '0-2/50', 279, 280),
    ...both('0-1/9', '0-2/50', 1, 2),
    ...both('0-1/9', '0-2/60', 279, 280),
  ]);
  for (const live of [
    [...primaryCompany, ...otherCompany],
    [...otherCompany, ...primaryCompany],
  ]) {
    const plan = planMergedAssociations(HUBSPOT_DEFINED_CATALOG, { live, setAside: [] }, CONTACTS);
    assert.deepEqual(shown(plan.live), expected);
  }
});

test('a live Primary target wins over one set aside, whichever record held it', () => {
  const plan = planMergedAssociations(
    HUBSPOT_DEFINED_CATALOG,
    {
      live: [...both('0-1/2', '0-2/60', 279, 280), ...both('0-1/2', '0-2/60', 1, 2)],
      setAside: [...both('0-1/1', '0-2/50', 279, 280), ...both('0-1/1', '0-2/50', 1, 2)],
    },
    CONTACTS,
  );
  assert.deepEqual(
    shown(plan.live),
    shown([...both('0-1/9', '0-2/60', 279, 280), ...both('0-1/9', '0-2/60', 1, 2)]),
  );
  assert.deepEqual(shown(plan.setAside), shown(both('0-1/9', '0-2/50', 279, 280)));
});

test('records that hold the merged records as Primary keep them: only the owner side is limited', () => {
  const companies: MergeIdentity = {
    objectTypeId: '0-2',
    primaryId: 50,
    otherId: 60,
    mergedId: 50,
  };
  const plan = planMergedAssociations(
    HUBSPOT_DEFINED_CATALOG,
    {
      live: [
        ...both('0-1/1', '0-2/50', 1, 2),
        ...both('0-1/2', '0-2/60', 1, 2),
        ...both('0-2/50', '0-2/60', 13, 14),
      ],
      setAside: [],
    },
    companies,
  );
  assert.deepEqual(
    shown(plan.live),
    shown([...both('0-1/1', '0-2/50', 1, 2), ...both('0-1/2', '0-2/50', 1, 2)]),
  );
});
