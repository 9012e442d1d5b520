// Reads one side of associations through every family and checks each against the model: v4 GET
// list and batch read (each v4-shaped family), v3 batch read, the objects API's record read, v3's
// record-level list and the legacy v1 read by definition. Each read is a probe: what the door
// shows, as sorted lines, and what the model says it should show; two apps compare door by door.
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

/** One read through one door: its lines as the app shows them, and as the model predicts. */
interface Probe {
  readonly door: string;
  read(app: TestApp): Promise<string[]>;
  expected(model: AssociationModel): string[];
}

type Targets = ReadonlyMap<string, readonly KnownType[]>;

const sorted = (lines: string[]) => lines.sort();

/** Lines `toId category:typeId label`: what a v4 read should show for one record. */
function v4Lines(targets: Targets): string[] {
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

/** Lines `toId v3name`: each type under its v3 name, as the record read and v3's list show. */
function v3NameLines(targets: Targets): string[] {
  return [...targets].flatMap(([toId, shown]) => shown.map((type) => `${toId} ${type.v3Name}`));
}

/**
 * What v3 shows: one `toId name` per type, except where the from-record holds a Primary target of
 * the to-type (a contact's companies): then only the HubSpot-defined Primary one, by its name.
 */
function v3Lines(types: TypeTable, side: Side, targets: Targets): string[] {
  const primary = types
    .between(objectTypeId(side.from), objectTypeId(side.to))
    .find((type) => type.category === 'HUBSPOT_DEFINED' && type.primaryOwner === 'from');
  if (!primary) return v3NameLines(targets);
  return [...targets].flatMap(([toId, shown]) => {
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

function targetsOf(model: AssociationModel, side: Side, id: string): Targets {
  return model.targets(objectTypeId(side.from), id, objectTypeId(side.to));
}

/** A batch read's lines per input: `id` before each target line, `id none` for an empty input. */
function perInput(side: Side, linesOf: (id: string) => string[]): string[] {
  return side.ids.flatMap((id) => {
    const lines = linesOf(id);
    return lines.length === 0 ? [`${id} none`] : lines.map((line) => `${id} ${line}`);
  });
}

/** The lines a batch read answered: its results' targets, and each NO_ASSOCIATIONS_FOUND input. */
function batchActual(body: any, linesOf: (result: any) => string[]): string[] {
  const shown = ((body.results ?? []) as any[]).flatMap((result) =>
    linesOf(result).map((line) => `${result.from.id} ${line}`),
  );
  const empty = ((body.errors ?? []) as any[]).flatMap((error) =>
    ((error.context?.fromObjectId ?? []) as string[]).map((id) => `${id} none`),
  );
  return [...shown, ...empty];
}

async function getLines(app: TestApp, url: string, linesOf: (body: any) => string[]) {
  const response = await app.request('GET', url);
  assert.equal(response.status, 200, `GET ${url}: ${response.text}`);
  return sorted(linesOf(response.body));
}

async function postLines(app: TestApp, url: string, body: unknown, linesOf: (b: any) => string[]) {
  const response = await app.request('POST', url, body);
  assert.ok([200, 207].includes(response.status), `POST ${url}: ${response.text}`);
  return sorted(linesOf(response.body));
}

function getListProbes(side: Side, family?: number): Probe[] {
  return side.ids.flatMap((id) =>
    prefixesOf(RECORD_PREFIXES, family).map((prefix) => {
      const url = `${prefix}/${side.from}/${id}/associations/${side.to}`;
      return {
        door: `GET ${url}`,
        read: (app) => getLines(app, url, (body) => v4Actual(body.results)),
        expected: (model) => sorted(v4Lines(targetsOf(model, side, id))),
      };
    }),
  );
}

function batchReadProbes(side: Side, family?: number): Probe[] {
  const inputs = { inputs: side.ids.map((id) => ({ id })) };
  return prefixesOf(BATCH_PREFIXES, family).map((prefix) => {
    const url = `${prefix}/${side.from}/${side.to}/batch/read`;
    return {
      door: `POST ${url}`,
      read: (app) =>
        postLines(app, url, inputs, (body) => batchActual(body, (r) => v4Actual(r.to))),
      expected: (model) => sorted(perInput(side, (id) => v4Lines(targetsOf(model, side, id)))),
    };
  });
}

function v3BatchReadProbe(types: TypeTable, side: Side): Probe {
  const url = `/crm/v3/associations/${side.from}/${side.to}/batch/read`;
  const inputs = { inputs: side.ids.map((id) => ({ id })) };
  const v3Actual = (result: any) => (result.to as any[]).map((to) => `${to.id} ${to.type}`);
  return {
    door: `POST ${url}`,
    read: (app) => postLines(app, url, inputs, (body) => batchActual(body, v3Actual)),
    expected: (model) =>
      sorted(perInput(side, (id) => v3Lines(types, side, targetsOf(model, side, id)))),
  };
}

function recordReadProbes(side: Side, family?: number): Probe[] {
  return side.ids.flatMap((id) =>
    prefixesOf(OBJECTS_PREFIXES, family).map((prefix) => {
      const url = `${prefix}/${side.from}/${id}?associations=${side.to}`;
      const shown = (body: any) =>
        ((body.associations?.[side.to]?.results ?? []) as any[]).map((r) => `${r.id} ${r.type}`);
      return {
        door: `GET ${url}`,
        read: (app) => getLines(app, url, shown),
        expected: (model) => sorted(v3NameLines(targetsOf(model, side, id))),
      };
    }),
  );
}

/** v3's record-level list shows each type under its v3 name, as the record read does. */
function v3RecordListProbes(side: Side): Probe[] {
  return side.ids.map((id) => {
    const url = `/crm/v3/objects/${side.from}/${id}/associations/${side.to}`;
    return {
      door: `GET ${url}`,
      read: (app) =>
        getLines(app, url, (body) => (body.results as any[]).map((r) => `${r.id} ${r.type}`)),
      expected: (model) => sorted(v3NameLines(targetsOf(model, side, id))),
    };
  });
}

/**
 * The legacy v1 read by a label's id (USER_DEFINED) lists only the targets carrying that label,
 * never those carrying the HubSpot-defined type with the same number.
 */
function legacyLabelProbes(types: TypeTable, side: Side): Probe[] {
  const labels = types
    .between(objectTypeId(side.from), objectTypeId(side.to))
    .filter((type) => type.category === 'USER_DEFINED');
  return side.ids.flatMap((id) =>
    labels.map((label) => {
      const url = `/crm-associations/v1/associations/${id}/USER_DEFINED/${label.typeId}?limit=100`;
      const carries = (shown: readonly KnownType[]) =>
        shown.some((type) => type.category === label.category && type.typeId === label.typeId);
      return {
        door: `GET ${url}`,
        read: (app) => getLines(app, url, (body) => (body.results as number[]).map(String)),
        expected: (model) =>
          sorted(
            [...targetsOf(model, side, id)]
              .filter(([, shown]) => carries(shown))
              .map(([toId]) => toId),
          ),
      };
    }),
  );
}

/** Every read of a side: through every family, or through the one of each kind `family` picks. */
function probesOf(types: TypeTable, side: Side, family?: number): Probe[] {
  return [
    ...getListProbes(side, family),
    ...batchReadProbes(side, family),
    v3BatchReadProbe(types, side),
    ...recordReadProbes(side, family),
    ...v3RecordListProbes(side),
    ...legacyLabelProbes(types, side),
  ];
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
  for (const probe of probesOf(types, side, family)) {
    assert.deepEqual(await probe.read(app), probe.expected(model), probe.door);
  }
}

/** The v4 batch read only (in one family, or every one): every record of a side at once. */
export async function assertBatchReads(
  app: TestApp,
  model: AssociationModel,
  side: Side,
  family?: number,
): Promise<void> {
  for (const probe of batchReadProbes(side, family)) {
    assert.deepEqual(await probe.read(app), probe.expected(model), probe.door);
  }
}

/** What every door shows for the side, door by door: to compare two apps without a model. */
export async function readEveryDoor(
  app: TestApp,
  types: TypeTable,
  side: Side,
  family?: number,
): Promise<Map<string, string[]>> {
  const doors = new Map<string, string[]>();
  for (const probe of probesOf(types, side, family)) doors.set(probe.door, await probe.read(app));
  return doors;
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
