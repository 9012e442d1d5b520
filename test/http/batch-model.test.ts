// A model-based test of the behaviour register (docs/fidelity.md): random sequences of writes
// through every family and spelling, each answer and every read of what it touched compared with
// a small model of the register; and the rule that a batch means its inputs applied in order, as
// separate single writes would, checked directly on two apps.
import { test } from 'node:test';
import fc from 'fast-check';
import { assertBatchIsItsInputs, invariantCase } from '../helpers/batch-invariant.js';
import { holds } from '../helpers/collision-runs.js';
import { commandArbitrary, limitSet } from '../helpers/model-commands.js';
import { runModel } from '../helpers/model-run.js';
import { LABEL_POOL } from '../helpers/model-world.js';
import { buildTestApp } from '../helpers/test-app.js';

/** Runs per property: a few seconds per engine; MODEL_RUNS raises it. */
const RUNS = Number(process.env['MODEL_RUNS'] ?? 12);

const run = fc.record({
  labels: fc.uniqueArray(fc.nat(LABEL_POOL.length - 1), { maxLength: LABEL_POOL.length }),
  limits: fc.array(limitSet, { maxLength: 3 }),
  commands: fc.array(commandArbitrary, { minLength: 1, maxLength: 12 }),
  family: fc.nat(5),
});

test('random writes through every door answer and read as the register says, step by step', async (t) => {
  const app = await buildTestApp(t);
  await holds(
    fc.asyncProperty(run, async ({ labels, limits, commands, family }) => {
      await runModel(app, { labels, commands: [...limits, ...commands] }, family);
    }),
    { numRuns: RUNS },
  );
});

test('a batch answers and stores what its inputs sent one by one, in order, would', async (t) => {
  const apps = [await buildTestApp(t), await buildTestApp(t)] as const;
  await holds(
    fc.asyncProperty(invariantCase, (run) => assertBatchIsItsInputs(apps, run)),
    { numRuns: RUNS },
  );
});
