// "A batch means its inputs sent one by one", checked without the model: one app takes a batch,
// another (set up alike) takes its inputs as single writes in order; each batch result item must
// be the single answer to its input, and every read of the two apps must agree.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_PORTAL_ID } from '../../src/http/build-app.js';
import { readEveryDoor } from './collision-reads.js';
import { sidesOf } from './collision-runs.js';
import { pick } from './collision-writes.js';
import { answerOf, statuses, type Answer, type BatchStatus } from './model-answers.js';
import {
  batchInputs,
  inputDraft,
  limitSet,
  objectPair,
  repeatingInputs,
} from './model-commands.js';
import { runCommand } from './model-run.js';
import { createLabel } from './model-schema.js';
import { ends, pairsOfCommand, urls, type PathCommand } from './model-steps.js';
import {
  LABEL_POOL,
  OBJECT_PAIRS,
  freshWorld,
  idsOf,
  specsOfDraft,
  typeOfDraft,
  wireSpec,
  type World,
} from './model-world.js';
import type { TestApp } from './test-app.js';
import { RECORD_PREFIXES, pathName, reversed, type Pair } from './type-collisions.js';

/** The batches compared with their inputs sent one by one, and the single door of each. */
const KINDS = ['batch-create', 'v3-create', 'associate-default'] as const;

/** A case: labels and writes both apps start from, one batch, the family of the singles. */
export const invariantCase = fc.record({
  labels: fc.uniqueArray(fc.nat(LABEL_POOL.length - 1), { maxLength: LABEL_POOL.length }),
  setup: fc.array(
    fc.oneof(
      limitSet,
      fc.record({
        kind: fc.constant('put-labelled'),
        pair: objectPair,
        backwards: fc.boolean(),
        family: fc.nat(5),
        input: inputDraft,
      }),
    ),
    { maxLength: 5 },
  ),
  batch: fc.record({
    kind: fc.constantFrom(...KINDS),
    pair: objectPair,
    backwards: fc.boolean(),
    family: fc.nat(5),
    inputs: fc.oneof(batchInputs, repeatingInputs),
  }),
  single: fc.nat(5),
});

export type InvariantCase = typeof invariantCase extends fc.Arbitrary<infer T> ? T : never;
type Batch = InvariantCase['batch'] & PathCommand;

/** The batch request, and each input as its single request, in order. */
function requestsOf(world: World, batch: Batch, single: number) {
  const pairs = pairsOfCommand(world, batch);
  const { batch: prefix, v3, record } = urls(batch);
  const draftOf = (index: number) => batch.inputs[index] ?? batch.inputs[0]!;
  const at = (pair: Pair) => record(pair, pick(RECORD_PREFIXES, single));
  if (batch.kind === 'batch-create') {
    const specs = pairs.map((pair, index) => specsOfDraft(world, pair, draftOf(index).types));
    const inputs = pairs.map((pair, index) => ({
      ...ends(pair),
      types: (specs[index] ?? []).map(wireSpec),
    }));
    return {
      batch: { url: `${prefix}/create`, body: { inputs } },
      singles: inputs.map((input, index) => ({
        method: 'PUT',
        url: at(pairs[index]!),
        body: input.types,
      })),
    };
  }
  if (batch.kind === 'v3-create') {
    const names = pairs.map((pair, index) => typeOfDraft(world, pair, draftOf(index)).v3Name);
    return {
      batch: {
        url: `${v3}/create`,
        body: { inputs: pairs.map((pair, i) => ({ ...ends(pair), type: names[i] })) },
      },
      singles: pairs.map((pair, i) => ({
        method: 'PUT',
        url: `${record(pair, '/crm/v3/objects')}/${names[i]}`,
        body: undefined,
      })),
    };
  }
  const defaultAt = (pair: Pair) =>
    `${pick(RECORD_PREFIXES, single)}/${pathName(pair.fromType)}/${pair.fromId}/associations/default/${pathName(pair.toType)}/${pair.toId}`;
  return {
    batch: { url: `${prefix}/associate/default`, body: { inputs: pairs.map(ends) } },
    singles: pairs.map((pair) => ({ method: 'PUT', url: defaultAt(pair), body: undefined })),
  };
}

/** What a successful single answer stands for in the batch answer's results. */
function itemsOf(world: World, batch: Batch, pair: Pair, single: Answer, name: string): unknown[] {
  const body = single.body as any;
  if (batch.kind === 'batch-create') return [body];
  if (batch.kind === 'associate-default') return body.results as unknown[];
  // v3 PUT answers the record; its batch answer lists the named type both ways (F5).
  const type = world.model.types.lookupV3Name(pair.fromType, pair.toType, name);
  const inverse = type && world.model.types.inverseOf(type);
  const forward = { ...ends(pair), type: name };
  return inverse ? [forward, { ...ends(reversed(pair)), type: inverse.v3Name }] : [forward];
}

/** The batch answer the single answers call for (W4, W5, B1, B2). */
function batchOfSingles(items: readonly (unknown[] | Answer)[], declared: BatchStatus): Answer {
  const errors = items
    .filter((item): item is Answer => !Array.isArray(item))
    .map((item) => item.body as any);
  const [first] = errors;
  if (first && errors.length === items.length) {
    const context: Record<string, string[]> = {};
    for (const error of errors)
      for (const [key, values] of Object.entries(error.context as Record<string, string[]>))
        context[key] = [...(context[key] ?? []), ...values];
    return { status: 400, body: { ...first, context } };
  }
  const results = items.flatMap((item) => (Array.isArray(item) ? item : []));
  const status = errors.length > 0 && declared.multiStatus ? 207 : declared.success;
  const failures = errors.length > 0 ? { numErrors: errors.length, errors } : {};
  return { status, body: { status: 'COMPLETE', results, ...failures } };
}

/** Both apps start alike: the same labels, then the same writes (checked against the model). */
async function prepare(app: TestApp, run: InvariantCase): Promise<World> {
  const world = await freshWorld(app);
  for (const label of run.labels) await createLabel(world, label, 0);
  for (const command of run.setup) await runCommand(world, command);
  return world;
}

/** Every read of the batch's object-type pair, door by door, and every stored row. */
async function stateOf(world: World, batch: Batch, family: number) {
  const [a, b] = pick(OBJECT_PAIRS, batch.pair);
  const doors = new Map<string, string[]>();
  for (const side of sidesOf(a, idsOf(world, a), b, idsOf(world, b))) {
    for (const [door, lines] of await readEveryDoor(world.app, world.model.types, side, family))
      doors.set(door, lines);
  }
  const exported = await world.app.request('GET', `/_emulator/portals/${DEFAULT_PORTAL_ID}/export`);
  const rows = (exported.body.associations as unknown[]).map((row) => JSON.stringify(row)).sort();
  return { doors, rows };
}

/** Runs a case on two apps; asserts the batch answer and the two final states. */
export async function assertBatchIsItsInputs(
  apps: readonly [TestApp, TestApp],
  run: InvariantCase,
) {
  const [batched, oneByOne] = [await prepare(apps[0], run), await prepare(apps[1], run)];
  const batch = run.batch as Batch;
  const requests = requestsOf(batched, batch, run.single);
  const answer = answerOf(
    await batched.app.request('POST', requests.batch.url, requests.batch.body),
  );
  const names = (requests.batch.body.inputs as { type?: string }[]).map(
    (input) => input.type ?? '',
  );
  const pairs = pairsOfCommand(batched, batch);
  const items: (unknown[] | Answer)[] = [];
  for (const [index, single] of requests.singles.entries()) {
    const reply = answerOf(await oneByOne.app.request(single.method, single.url, single.body));
    const ok = reply.status >= 200 && reply.status < 300;
    items.push(ok ? itemsOf(batched, batch, pairs[index]!, reply, names[index] ?? '') : reply);
  }
  const declared =
    batch.kind === 'batch-create'
      ? statuses.batchCreate(batch.family)
      : batch.kind === 'v3-create'
        ? statuses.v3Create
        : statuses.associateDefault;
  const what = `POST ${requests.batch.url} ${JSON.stringify(requests.batch.body)}`;
  assert.deepEqual(
    answer,
    batchOfSingles(items, declared),
    `${what}: answers as its inputs one by one`,
  );
  const [left, right] = [
    await stateOf(batched, batch, run.single),
    await stateOf(oneByOne, batch, run.single),
  ];
  assert.deepEqual(left.doors, right.doors, `${what}: every read as after its inputs one by one`);
  assert.deepEqual(left.rows, right.rows, `${what}: the rows stored as by its inputs one by one`);
}
