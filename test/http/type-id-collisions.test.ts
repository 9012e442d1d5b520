// Association type ids are unique within a category only: a portal's labels take USER_DEFINED ids
// from 1 upward, the same numbers as HubSpot-defined types of the same pairs. Every read, write,
// limit and label must tell (USER_DEFINED, n) from (HUBSPOT_DEFINED, n).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_PORTAL_ID } from '../../src/http/build-app.js';
import { assertTypeLists } from '../helpers/collision-reads.js';
import {
  ADDS,
  PAIRS,
  assertReads,
  collisionsOf,
  holds,
  indexes,
  oneRecord,
  opOf,
  otherCategory,
  pairOf,
  recordsOf,
  sidesOf,
  writeArbitrary,
} from '../helpers/collision-runs.js';
import {
  WRITE_KINDS,
  attempt,
  pick,
  send,
  type WriteKind,
  type WriteOp,
} from '../helpers/collision-writes.js';
import { buildTestApp } from '../helpers/test-app.js';
import {
  AssociationModel,
  COLLISIONS,
  SCHEMA_PREFIXES,
  createCollidingLabels,
  objectTypeId,
  pathName,
  reversed,
  specKey,
  type Category,
  type Spec,
} from '../helpers/type-collisions.js';

test('type ids that collide across categories stay apart everywhere', async (t) => {
  const app = await buildTestApp(t);
  const types = await createCollidingLabels(app, 451);
  const collisions = collisionsOf(types);

  await t.test('label and type lists show each (category, typeId) once', async () => {
    assert.ok(collisions.length >= COLLISIONS.length, 'every planned collision is in place');
    for (const [a, b] of PAIRS) {
      await assertTypeLists(app, types, pathName(a), pathName(b));
      if (a !== b) await assertTypeLists(app, types, pathName(b), pathName(a));
    }
  });

  await t.test('every family reads back exactly the (category, typeId) set written', async () => {
    const run = fc.record({
      pair: fc.constantFrom(...PAIRS),
      created: fc.record({
        family: fc.nat(5),
        to: fc.array(fc.record({ to: fc.nat(2), types: indexes(3) }), { maxLength: 2 }),
      }),
      writes: fc.array(writeArbitrary([...WRITE_KINDS, ...ADDS]), { minLength: 1, maxLength: 8 }),
    });
    await holds(
      fc.asyncProperty(run, async ({ pair: [a, b], created, writes }) => {
        const model = new AssociationModel(types);
        const { as, bs } = await recordsOf(app, types, model, [a, b], created);
        for (const write of writes)
          await send(app, types, model, opOf(types, [a, b], { as, bs }, write));
        await assertReads(app, types, model, sidesOf(a, as, b, bs));
      }),
    );
  });

  await t.test("a limit on one category's type id does not limit the other's", async () => {
    const candidates = collisions.flatMap((collision) => {
      // A type whose owner holds one target moves with each write: no limit can refuse it.
      const limitable =
        collision.hubspot.label !== null && collision.hubspot.oneTargetOwner !== 'from';
      const limited: Category[] = limitable
        ? ['USER_DEFINED', 'HUBSPOT_DEFINED']
        : ['USER_DEFINED'];
      return limited.map((category) => ({ collision, category }));
    });
    const run = fc.record({
      candidate: fc.constantFrom(...candidates),
      max: fc.integer({ min: 1, max: 2 }),
      schema: fc.nat(5),
      kind: fc.constantFrom(...ADDS),
      family: fc.nat(5),
    });
    await holds(
      fc.asyncProperty(run, async ({ candidate, max, schema, kind, family }) => {
        const { from, to, typeId } = candidate.collision;
        const limited = { category: candidate.category, typeId };
        const unlimited = { category: otherCategory(candidate.category), typeId };
        const owner = await oneRecord(app, from);
        // v3 names a same-type label's two directions alike: the second is written through v4.
        const write = (target: string, spec: Spec): WriteOp => ({
          kind: kind === 'v3-create' && !types.v3Names(from, to, spec) ? 'batch-create' : kind,
          family,
          pair: pairOf(from, owner, to, target),
          specs: [spec],
        });
        const configurations = `${pick(SCHEMA_PREFIXES, schema)}/definitions/configurations/${pathName(from)}/${pathName(to)}`;
        // A run that failed earlier may have left its limit behind; purging an unset one is a no-op.
        const stale = [limited, unlimited];
        await app.request('POST', `${configurations}/batch/purge`, { inputs: stale });
        const set = await app.request('POST', `${configurations}/batch/create`, {
          inputs: [{ ...limited, maxToObjectIds: max }],
        });
        assert.ok([200, 201].includes(set.status), set.text);
        const listed = await app.request('GET', configurations);
        assert.deepEqual(listed.body.results, [
          {
            ...limited,
            label: types.find(from, to, limited).label,
            userEnforcedMaxToObjectIds: max,
          },
        ]);
        const model = new AssociationModel(types);
        const targets = await app.createRecords(pathName(to), 2 * max + 2);
        for (const target of targets.slice(0, max + 1)) {
          await send(app, types, model, write(target, unlimited));
        }
        for (const target of targets.slice(max + 1, 2 * max + 1)) {
          await send(app, types, model, write(target, limited));
        }
        const refused = await attempt(app, types, write(targets.at(-1) ?? '', limited));
        assert.equal(refused.status, 400, refused.text);
        assert.equal(refused.body.message.startsWith('Association limit exceeded'), true);
        assert.deepEqual(refused.body.context.associationCategory, [limited.category]);
        await assertReads(app, types, model, sidesOf(from, [owner], to, []), family);
        const purged = await app.request('POST', `${configurations}/batch/purge`, {
          inputs: [limited],
        });
        assert.ok([200, 204].includes(purged.status), purged.text);
        assert.deepEqual((await app.request('GET', configurations)).body.results, []);
      }),
    );
  });

  await t.test('a Primary write leaves a label with the same type id alone', async () => {
    const primaries = collisions.filter((collision) => collision.hubspot.primaryOwner === 'from');
    const run = fc.record({
      collision: fc.constantFrom(...primaries),
      labelFirst: fc.boolean(),
      claimFromTarget: fc.boolean(),
      kinds: fc.tuple(fc.constantFrom(...ADDS), fc.constantFrom(...ADDS), fc.constantFrom(...ADDS)),
      family: fc.nat(5),
    });
    await holds(
      fc.asyncProperty(run, async ({ collision, labelFirst, claimFromTarget, kinds, family }) => {
        const { from, to, typeId, hubspot } = collision;
        const model = new AssociationModel(types);
        const owner = await oneRecord(app, from);
        const [labelled, previous, claimed] = await app.createRecords(pathName(to), 3);
        if (!labelled || !previous || !claimed) throw new Error('three targets were created');
        const label = {
          kind: kinds[0],
          family,
          pair: pairOf(from, owner, to, labelled),
          specs: [{ category: 'USER_DEFINED', typeId } as const],
        };
        const primary = {
          kind: kinds[1],
          family,
          pair: pairOf(from, owner, to, previous),
          specs: [hubspot],
        };
        for (const op of labelFirst ? [label, primary] : [primary, label])
          await send(app, types, model, op);
        const inverse = types.inverseOf(hubspot);
        const claim =
          claimFromTarget && inverse
            ? { kind: kinds[2], family, pair: pairOf(to, claimed, from, owner), specs: [inverse] }
            : { kind: kinds[2], family, pair: pairOf(from, owner, to, claimed), specs: [hubspot] };
        await send(app, types, model, claim);
        const list = await app.request(
          'GET',
          `/crm/v4/objects/${pathName(from)}/${owner}/associations/${pathName(to)}`,
        );
        const kept = (list.body.results as any[]).find(
          (target) => String(target.toObjectId) === labelled,
        );
        assert.ok(
          kept?.associationTypes.some(
            (type: Spec) => type.category === 'USER_DEFINED' && type.typeId === typeId,
          ),
          `USER_DEFINED ${typeId} survives a HUBSPOT_DEFINED ${typeId} Primary move`,
        );
        const targets = [labelled, previous, claimed];
        await assertReads(app, types, model, sidesOf(from, [owner], to, targets), family);
      }),
    );
  });

  await t.test('an export imports back with both categories of every colliding id', async () => {
    const model = new AssociationModel(types);
    for (const { from, to, typeId, hubspot } of collisions) {
      const pair = pairOf(from, await oneRecord(app, from), to, await oneRecord(app, to));
      const label = types.find(from, to, { category: 'USER_DEFINED', typeId });
      await send(app, types, model, {
        kind: 'batch-create',
        family: 0,
        pair,
        specs: [label, hubspot],
      });
    }
    const exported = await app.request('GET', `/_emulator/portals/${DEFAULT_PORTAL_ID}/export`);
    assert.equal(exported.status, 200, exported.text);
    const rows = exported.body.associations as Spec[];
    for (const { typeId } of COLLISIONS) {
      const categories = new Set(rows.filter((r) => r.typeId === typeId).map((r) => r.category));
      assert.equal(categories.size, 2, `type id ${typeId} is stored in both categories`);
    }
    const imported = await app.request('POST', '/_emulator/portals/9/import', exported.body);
    assert.equal(imported.status, 200, imported.text);
    const copy = await app.request('GET', '/_emulator/portals/9/export');
    assert.deepEqual(copy.body, exported.body);
  });

  await t.test("archiving one category's type id leaves the other's", async () => {
    const run = fc.record({
      collision: fc.constantFrom(...collisions),
      archiveHubSpot: fc.boolean(),
      fromOtherSide: fc.boolean(),
      kind: fc.constantFrom<WriteKind>('labels-archive', 'v3-archive'),
      family: fc.nat(5),
    });
    await holds(
      fc.asyncProperty(run, async ({ collision, archiveHubSpot, fromOtherSide, kind, family }) => {
        const { from, to, typeId, hubspot } = collision;
        const model = new AssociationModel(types);
        const owner = await oneRecord(app, from);
        const target = await oneRecord(app, to);
        const pair = pairOf(from, owner, to, target);
        const label = types.find(from, to, { category: 'USER_DEFINED', typeId });
        const written = hubspot.label === null ? [label] : [label, hubspot];
        await send(app, types, model, { kind: 'batch-create', family, pair, specs: written });
        const archived = archiveHubSpot && hubspot.label !== null ? hubspot : label;
        const inverse = types.inverseOf(archived);
        const op =
          fromOtherSide && inverse
            ? { kind, family, pair: reversed(pair), specs: [inverse] }
            : { kind, family, pair, specs: [archived] };
        await send(app, types, model, op);
        const kept = model.targets(from, owner, to).get(target) ?? [];
        const survivor = { category: otherCategory(archived.category), typeId };
        assert.ok(
          kept.some((type) => specKey(type) === specKey(survivor)),
          'the model keeps the other',
        );
        await assertReads(app, types, model, sidesOf(from, [owner], to, [target]), family);
      }),
    );
  });
});

test('renaming and deleting a colliding label leave the HubSpot-defined types, rows and limits', async (t) => {
  const app = await buildTestApp(t);
  const low = COLLISIONS.filter((collision) => collision.typeId < 30);
  const run = fc.record({
    collision: fc.constantFrom(...low),
    writes: fc.array(writeArbitrary(ADDS), { maxLength: 5 }),
    byInverse: fc.boolean(),
    fromOtherSide: fc.boolean(),
    schema: fc.nat(5),
  });
  await holds(
    fc.asyncProperty(run, async ({ collision, writes, byInverse, fromOtherSide, schema }) => {
      const reset = await app.request('POST', `/_emulator/portals/${DEFAULT_PORTAL_ID}/reset`);
      assert.equal(reset.status, 204, reset.text);
      const types = await createCollidingLabels(app, collision.typeId);
      const [a, b] = collision.path.map(objectTypeId) as [string, string];
      const model = new AssociationModel(types);
      const as = await app.createRecords(pathName(a), a === b ? 3 : 2);
      const bs = a === b ? as : await app.createRecords(pathName(b), 2);
      const n = collision.typeId;
      const hubspot = types.find(a, b, { category: 'HUBSPOT_DEFINED', typeId: n });
      const label = types.find(a, b, { category: 'USER_DEFINED', typeId: n });
      const both = pairOf(a, as[0] ?? '', b, bs[1] ?? '');
      await send(app, types, model, {
        kind: 'batch-create',
        family: 0,
        pair: both,
        specs: [label, hubspot],
      });
      for (const write of writes)
        await send(app, types, model, opOf(types, [a, b], { as, bs }, write));
      const limits = [label, ...(hubspot.label === null ? [] : [hubspot])].map((spec) => ({
        category: spec.category,
        typeId: spec.typeId,
        maxToObjectIds: 5,
      }));
      const configurations = `/crm/v4/associations/definitions/configurations/${pathName(a)}/${pathName(b)}`;
      const set = await app.request('POST', `${configurations}/batch/create`, { inputs: limits });
      assert.equal(set.status, 201, set.text);
      const [x, y] = fromOtherSide ? [b, a] : [a, b];
      const labels = `${pick(SCHEMA_PREFIXES, schema)}/${pathName(x)}/${pathName(y)}/labels`;
      const id = byInverse ? n + 1 : n;
      const rename = { associationTypeId: id, label: `Renamed ${id}`, inverseLabel: 'Renamed' };
      assert.equal((await app.request('PUT', labels, rename)).status, 204);
      types.renameLabel(id, rename.label, rename.inverseLabel);
      await assertTypeLists(app, types, pathName(a), pathName(b));
      const deleted = await app.request('DELETE', `${labels}/${id}`);
      assert.equal(deleted.status, 204, deleted.text);
      model.forgetLabel([n, n + 1]);
      types.removeLabel([n, n + 1]);
      await assertReads(app, types, model, sidesOf(a, as, b, bs), schema);
      await assertTypeLists(app, types, pathName(a), pathName(b));
      const left = (await app.request('GET', configurations)).body.results as Spec[];
      assert.deepEqual(left.map(specKey), limits.slice(1).map(specKey));
    }),
  );
});
