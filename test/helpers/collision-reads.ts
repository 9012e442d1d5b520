// Reads one side of associations through every family and checks each against the model: v4 GET
// list and batch read (each v4-shaped family), v3 batch read, the objects API's record read, v3's
// record-level list and the legacy v1 read by definition.
import assert from 'node:assert/strict';
import type { TestApp } from './test-app.js';
import {
  BATCH_PREFIXES,
  OBJECTS_PREFIXES,
  RECORD_PREFIXES,
  SCHEMA_PREFIXES,
  objectTypeId,
  type AssociationModel,
  type KnownType,
  type TypeTable,
} from './type-collisions.js';

/** Records of one object type, read towards another. */
export interface Side {
  readonly from: string;
  readonly to: string;
  readonly ids: readonly string[];
}

/** Lines `toId category:typeId label`, sorted: what a v4 read should show for one record. */
function v4Lines(targets: ReadonlyMap<string, readonly KnownType[]>): string[] {
  return [...targets].flatMap(([toId, types]) =>
    types.map((type) => `${toId} ${type.category}:${type.typeId} ${type.label}`),
  );
}

function v4Actual(results: readonly any[]): string[] {
  return results.flatMap((target) =>
    (target.associationTypes as any[]).map(
      (type) => `${target.toObjectId} ${type.category}:${type.typeId} ${type.label}`,
    ),
  );
}

const sorted = (lines: string[]) => lines.sort();

/**
 * What v3 shows: one `toId name` per type, except where the from-record holds a Primary target of
 * the to-type (a contact's companies): then only the HubSpot-defined Primary one, by its name.
 */
function v3Lines(
  types: TypeTable,
  side: Side,
  targets: ReadonlyMap<string, readonly KnownType[]>,
): string[] {
  const primary = types
    .between(objectTypeId(side.from), objectTypeId(side.to))
    .find((type) => type.category === 'HUBSPOT_DEFINED' && type.primaryOwner === 'from');
  return [...targets].flatMap(([toId, shown]) => {
    if (!primary) return shown.map((type) => `${toId} ${type.v3Name}`);
    const isPrimary = shown.some(
      (type) => type.category === primary.category && type.typeId === primary.typeId,
    );
    return isPrimary ? [`${toId} ${primary.v3Name}`] : [];
  });
}

/** Every prefix, or only the one a run picked (by index) where a check reads one family. */
function prefixesOf(all: readonly string[], family: number | undefined): readonly string[] {
  if (family === undefined) return all;
  const one = all[family % all.length];
  return one === undefined ? all : [one];
}

function expectedOf(model: AssociationModel, side: Side, id: string) {
  return model.targets(objectTypeId(side.from), id, objectTypeId(side.to));
}

async function checkGetLists(app: TestApp, model: AssociationModel, side: Side, family?: number) {
  for (const id of side.ids) {
    const expected = sorted(v4Lines(expectedOf(model, side, id)));
    for (const prefix of prefixesOf(RECORD_PREFIXES, family)) {
      const url = `${prefix}/${side.from}/${id}/associations/${side.to}`;
      const response = await app.request('GET', url);
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(sorted(v4Actual(response.body.results)), expected, `GET ${url}`);
    }
  }
}

async function checkBatchReads(app: TestApp, model: AssociationModel, side: Side, family?: number) {
  const inputs = side.ids.map((id) => ({ id }));
  for (const prefix of prefixesOf(BATCH_PREFIXES, family)) {
    const url = `${prefix}/${side.from}/${side.to}/batch/read`;
    const response = await app.request('POST', url, { inputs });
    assert.ok([200, 207].includes(response.status), response.text);
    for (const id of side.ids) {
      const expected = sorted(v4Lines(expectedOf(model, side, id)));
      const result = (response.body.results as any[]).find((item) => item.from.id === id);
      assert.deepEqual(sorted(v4Actual(result?.to ?? [])), expected, `POST ${url} for ${id}`);
    }
  }
}

async function checkV3BatchRead(
  app: TestApp,
  types: TypeTable,
  model: AssociationModel,
  side: Side,
): Promise<void> {
  const url = `/crm/v3/associations/${side.from}/${side.to}/batch/read`;
  const response = await app.request('POST', url, { inputs: side.ids.map((id) => ({ id })) });
  assert.ok([200, 207].includes(response.status), response.text);
  for (const id of side.ids) {
    const expected = sorted(v3Lines(types, side, expectedOf(model, side, id)));
    const result = (response.body.results as any[]).find((item) => item.from.id === id);
    const actual = ((result?.to ?? []) as any[]).map((to) => `${to.id} ${to.type}`);
    assert.deepEqual(sorted(actual), expected, `POST ${url} for ${id}`);
    const reportedEmpty = ((response.body.errors ?? []) as any[]).some((error) =>
      (error.context?.fromObjectId ?? []).includes(id),
    );
    assert.equal(reportedEmpty, expected.length === 0, `POST ${url}: ${id} has nothing to show`);
  }
}

async function checkRecordReads(
  app: TestApp,
  model: AssociationModel,
  side: Side,
  family?: number,
) {
  for (const id of side.ids) {
    const expected = sorted(
      [...expectedOf(model, side, id)].flatMap(([toId, shown]) =>
        shown.map((type) => `${toId} ${type.v3Name}`),
      ),
    );
    for (const prefix of prefixesOf(OBJECTS_PREFIXES, family)) {
      const url = `${prefix}/${side.from}/${id}?associations=${side.to}`;
      const response = await app.request('GET', url);
      assert.equal(response.status, 200, response.text);
      const results = (response.body.associations?.[side.to]?.results ?? []) as any[];
      const actual = results.map((result) => `${result.id} ${result.type}`);
      assert.deepEqual(sorted(actual), expected, `GET ${url}`);
    }
  }
}

/** v3's record-level list shows each type under its v3 name, as the record read does. */
async function checkV3RecordLists(app: TestApp, model: AssociationModel, side: Side) {
  for (const id of side.ids) {
    const expected = sorted(
      [...expectedOf(model, side, id)].flatMap(([toId, shown]) =>
        shown.map((type) => `${toId} ${type.v3Name}`),
      ),
    );
    const url = `/crm/v3/objects/${side.from}/${id}/associations/${side.to}`;
    const response = await app.request('GET', url);
    assert.equal(response.status, 200, response.text);
    const actual = (response.body.results as any[]).map((result) => `${result.id} ${result.type}`);
    assert.deepEqual(sorted(actual), expected, `GET ${url}`);
  }
}

/**
 * The legacy v1 read by a label's id (USER_DEFINED) lists only the targets carrying that label,
 * never those carrying the HubSpot-defined type with the same number.
 */
async function checkLegacyLabelReads(
  app: TestApp,
  types: TypeTable,
  model: AssociationModel,
  side: Side,
) {
  const labels = types
    .between(objectTypeId(side.from), objectTypeId(side.to))
    .filter((type) => type.category === 'USER_DEFINED');
  for (const id of side.ids) {
    const targets = [...expectedOf(model, side, id)];
    for (const label of labels) {
      const expected = targets
        .filter(([, shown]) =>
          shown.some((type) => type.category === label.category && type.typeId === label.typeId),
        )
        .map(([toId]) => Number(toId))
        .sort((a, b) => a - b);
      const url = `/crm-associations/v1/associations/${id}/USER_DEFINED/${label.typeId}?limit=100`;
      const response = await app.request('GET', url);
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(response.body.results, expected, `GET ${url}`);
    }
  }
}

/**
 * Every read shows exactly the model's types for the side's records: v4 GET list, v4 batch read,
 * v3 batch read, the objects API's record read, v3's record-level list and the legacy read of each
 * label, through every family, or through the one of each kind that `family` picks.
 */
export async function assertEveryRead(
  app: TestApp,
  types: TypeTable,
  model: AssociationModel,
  side: Side,
  family?: number,
): Promise<void> {
  await checkGetLists(app, model, side, family);
  await checkBatchReads(app, model, side, family);
  await checkV3BatchRead(app, types, model, side);
  await checkRecordReads(app, model, side, family);
  await checkV3RecordLists(app, model, side);
  await checkLegacyLabelReads(app, types, model, side);
}

/** The label lists (schema API, each family) and v3's types list show each type once. */
export async function assertTypeLists(app: TestApp, types: TypeTable, from: string, to: string) {
  const known = types.between(objectTypeId(from), objectTypeId(to));
  const expected = sorted(known.map((type) => `${type.category}:${type.typeId} ${type.label}`));
  for (const prefix of SCHEMA_PREFIXES) {
    const url = `${prefix}/${from}/${to}/labels`;
    const response = await app.request('GET', url);
    assert.equal(response.status, 200, response.text);
    const actual = (response.body.results as any[]).map(
      (type) => `${type.category}:${type.typeId} ${type.label}`,
    );
    assert.deepEqual(sorted(actual), expected, `GET ${url}`);
  }
  const v3 = await app.request('GET', `/crm/v3/associations/${from}/${to}/types`);
  const names = (v3.body.results as any[]).map((type) => `${type.id} ${type.name}`);
  assert.deepEqual(sorted(names), sorted(known.map((type) => `${type.typeId} ${type.v3Name}`)));
}
