// The schema commands of the model-based test: labels created and deleted, limits set, changed
// and purged, each answer predicted by the model; limits are listed back after each change.
import assert from 'node:assert/strict';
import { pick } from './collision-writes.js';
import { answerOf, batchAnswer, refused, statuses } from './model-answers.js';
import type { Command } from './model-commands.js';
import { urls } from './model-steps.js';
import {
  LABEL_POOL,
  assertAnswer,
  candidateTypes,
  directionOf,
  type World,
} from './model-world.js';
import type { LimitSet } from './register-limits.js';
import { failed } from './register-outcomes.js';
import {
  SCHEMA_PREFIXES,
  pathName,
  specKey,
  type KnownType,
  type Spec,
} from './type-collisions.js';

/** The label wire shape of one direction (L10), with object type ids where the family has them. */
function labelWire(type: KnownType, withIds: boolean) {
  const spec = { category: type.category, typeId: type.typeId, label: type.label };
  return withIds ? { ...spec, fromObjectTypeId: type.from, toObjectTypeId: type.to } : spec;
}

/** Creates a label of the pool through one schema prefix; checks the answer against the model. */
export async function createLabel(world: World, pool: number, schema: number): Promise<void> {
  const { path, definition } = pick(LABEL_POOL, pool);
  const [from, to] = path;
  const url = `${pick(SCHEMA_PREFIXES, schema)}/${pathName(from)}/${pathName(to)}/labels`;
  const response = await world.app.request('POST', url, definition);
  const outcome = world.model.createLabel(from, to, definition);
  const withIds = statuses.labelObjectTypeIds(schema);
  const wanted = failed(outcome)
    ? refused(outcome.error)
    : { status: 200, body: { results: outcome.result.map((type) => labelWire(type, withIds)) } };
  assertAnswer(`POST ${url}`, answerOf(response), wanted);
}

/** L7, L8: deletes the last label created under a pool entry (it may be deleted already). */
export async function deleteLabel(
  world: World,
  command: Extract<Command, { kind: 'label-delete' }>,
) {
  const { path, definition } = pick(LABEL_POOL, command.label);
  const created = world.model.labelsEver(...path).filter((type) => type.v3Name === definition.name);
  const last = created.at(-1);
  if (!last) return;
  const typeId = command.inverse ? (last.inverseTypeId ?? last.typeId) : last.typeId;
  const [from, to] = directionOf(path, command.backwards);
  const url = `${pick(SCHEMA_PREFIXES, command.family)}/${pathName(from)}/${pathName(to)}/labels/${typeId}`;
  const actual = answerOf(await world.app.request('DELETE', url));
  const error = world.model.deleteLabel(from, to, typeId);
  assertAnswer(`DELETE ${url}`, actual, error ? refused(error) : { status: 204, body: undefined });
}

const limitWire = (limit: LimitSet, withLabel: boolean) => ({
  category: limit.category,
  typeId: limit.typeId,
  userEnforcedMaxToObjectIds: limit.max,
  ...(withLabel ? { label: limit.label } : {}),
});

type LimitCommand = Extract<Command, { kind: 'limit-set' | 'limit-purge' }>;

/** M4: purges one limit (or one that is not set). */
async function purgeLimit(world: World, command: LimitCommand & { kind: 'limit-purge' }) {
  const { direction, schema } = urls(command);
  const type = pick(candidateTypes(world, ...direction), command.type);
  const body = { inputs: [{ category: type.category, typeId: type.typeId }] };
  const actual = answerOf(await world.app.request('POST', `${schema}/batch/purge`, body));
  const error = world.model.limits.purge(...direction, [type]);
  assertAnswer(
    `POST ${schema}/batch/purge`,
    actual,
    error ? refused(error) : { status: 204, body: undefined },
  );
}

/** M2, M3, M11: sets or changes one or two limits, in order. */
async function setLimits(world: World, command: LimitCommand & { kind: 'limit-set' }) {
  const { direction, schema } = urls(command);
  const mode = command.update ? 'update' : 'create';
  const candidates = candidateTypes(world, ...direction);
  const inputs = command.limits.map(({ type, max }) => ({ ...pick(candidates, type), max }));
  const body = {
    inputs: inputs.map((input) => ({
      category: input.category,
      typeId: input.typeId,
      maxToObjectIds: input.max,
    })),
  };
  const actual = answerOf(await world.app.request('POST', `${schema}/batch/${mode}`, body));
  const outcomes = world.model.limits.put(...direction, inputs, mode);
  const toWire = (limit: LimitSet) => [limitWire(limit, mode === 'create')];
  const wanted = batchAnswer(outcomes, toWire, statuses.limits(command.family, mode));
  assertAnswer(`POST ${schema}/batch/${mode} ${JSON.stringify(body)}`, actual, wanted);
}

/** M2–M5, M11: sets, changes or purges limits; then lists the direction's limits (M5). */
export async function limits(world: World, command: LimitCommand): Promise<void> {
  if (command.kind === 'limit-purge') await purgeLimit(world, command);
  else await setLimits(world, command);
  const { direction, schema } = urls(command);
  const listed = await world.app.request('GET', schema);
  const bySpec = (a: Spec, b: Spec) => specKey(a).localeCompare(specKey(b));
  const expected = world.model.limits.between(...direction).map((limit) => limitWire(limit, true));
  assert.deepEqual(
    [...(listed.body.results as Spec[])].sort(bySpec),
    expected.sort(bySpec),
    `GET ${schema}`,
  );
}
