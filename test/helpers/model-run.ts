// One run of the model-based test: a fresh world, then commands one after the other, each answer
// compared with the model's, and the records each command may have changed read back through
// every door (one family of each kind, the command's).
import { assertBatchReads, assertTypeLists } from './collision-reads.js';
import { assertReads, sidesOf } from './collision-runs.js';
import { pick } from './collision-writes.js';
import type { Command } from './model-commands.js';
import { batchArchive, deletePair, labelsArchive, v3Archive, v3Delete } from './model-removals.js';
import {
  associateDefault,
  batchCreate,
  legacy,
  pairsOfCommand,
  putDefault,
  putLabelled,
  v3Create,
  v3Put,
  type Exchange,
  type PathCommand,
} from './model-steps.js';
import { createLabel, deleteLabel, limits } from './model-schema.js';
import {
  LABEL_POOL,
  OBJECT_PAIRS,
  assertAnswer,
  freshWorld,
  idsOf,
  type World,
} from './model-world.js';
import type { TestApp } from './test-app.js';
import { pathName, type AssociationModel } from './type-collisions.js';

/**
 * Reads records of an object-type pair through every door (one family of each kind) against the
 * model: those `touched` (`objectType/id`), or all of them.
 */
async function assertPairReads(
  world: World,
  [a, b]: readonly [string, string],
  family: number,
  touched?: ReadonlySet<string>,
) {
  const { app, model } = world;
  const ids = (type: string) =>
    idsOf(world, type).filter((id) => touched?.has(`${type}/${id}`) ?? true);
  const sides = sidesOf(a, ids(a), b, ids(b));
  await assertReads(app, model.types, model.rows, sides, family);
}

/** The records a command names and those whose rows the model says it changed. */
function touchedBy(world: World, command: PathCommand, before: AssociationModel): Set<string> {
  const touched = world.model.rows.changedSince(before);
  for (const pair of pairsOfCommand(world, command)) {
    touched.add(`${pair.fromType}/${pair.fromId}`);
    touched.add(`${pair.toType}/${pair.toId}`);
  }
  return touched;
}

/** Every association write the model-based test sends, by command kind. */
const ASSOCIATION_STEPS = {
  'batch-create': batchCreate,
  'put-labelled': putLabelled,
  'v3-create': v3Create,
  'v3-put': v3Put,
  'v3-delete': v3Delete,
  'labels-archive': labelsArchive,
  'v3-archive': v3Archive,
  'batch-archive': batchArchive,
  'delete-pair': deletePair,
  'associate-default': associateDefault,
  'put-default': putDefault,
  'legacy-create': legacy,
  'legacy-delete': legacy,
} as const;

/** The object-type pair a command writes between. */
function pairOfCommand(command: Command): readonly [string, string] {
  if (command.kind === 'label-create' || command.kind === 'label-delete')
    return pick(LABEL_POOL, command.label).path;
  return pick(OBJECT_PAIRS, command.pair);
}

/** Runs one command, checks its answer, and reads back what it may have changed. */
export async function runCommand(world: World, command: Command): Promise<void> {
  const pair = pairOfCommand(command);
  const before = world.model.rows.copy();
  switch (command.kind) {
    case 'label-create':
      await createLabel(world, command.label, command.family);
      return assertTypeLists(world.app, world.model.types, pathName(pair[0]), pathName(pair[1]));
    case 'label-delete':
      await deleteLabel(world, command);
      await assertTypeLists(world.app, world.model.types, pathName(pair[0]), pathName(pair[1]));
      return assertPairReads(world, pair, command.family, world.model.rows.changedSince(before));
    case 'limit-set':
    case 'limit-purge':
      return limits(world, command);
    default: {
      const step = ASSOCIATION_STEPS[command.kind] as (
        world: World,
        command: PathCommand,
      ) => Promise<Exchange>;
      const { what, actual, wanted } = await step(world, command);
      assertAnswer(what, actual, wanted);
      return assertPairReads(world, pair, command.family, touchedBy(world, command, before));
    }
  }
}

/** A run: the labels created first (indexes into the pool, in order), then the commands. */
export interface Run {
  readonly labels: readonly number[];
  readonly commands: readonly Command[];
}

/** Runs commands on a fresh world; at the end batch-reads every record towards every type. */
export async function runModel(app: TestApp, run: Run, family: number): Promise<World> {
  const world = await freshWorld(app);
  for (const label of run.labels) await createLabel(world, label, family);
  for (const command of run.commands) await runCommand(world, command);
  for (const [a, b] of OBJECT_PAIRS) {
    for (const side of sidesOf(a, idsOf(world, a), b, idsOf(world, b)))
      await assertBatchReads(app, world.model.rows, side, family);
  }
  return world;
}
