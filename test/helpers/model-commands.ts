// Commands of the model-based test as data fast-check generates and shrinks: which door, which
// family, which object-type pair and direction, and inputs as drafts resolved when they run.
import fc from 'fast-check';
import { LABEL_POOL, OBJECT_PAIRS, type InputDraft } from './model-world.js';

/** A command's object-type pair (an index into OBJECT_PAIRS) and direction. */
interface Path {
  readonly pair: number;
  readonly backwards: boolean;
  /** Which prefix of each kind the request (and the reads after it) use. */
  readonly family: number;
}

export type Command =
  | (Path & { readonly kind: 'batch-create' | 'v3-create'; readonly inputs: readonly InputDraft[] })
  | (Path & {
      readonly kind: 'labels-archive' | 'v3-archive';
      readonly inputs: readonly InputDraft[];
    })
  | (Path & {
      readonly kind: 'associate-default' | 'batch-archive';
      readonly inputs: readonly InputDraft[];
    })
  | (Path & {
      readonly kind: 'legacy-create' | 'legacy-delete';
      readonly inputs: readonly InputDraft[];
    })
  | (Path & {
      readonly kind: 'put-labelled' | 'put-default' | 'delete-pair';
      readonly input: InputDraft;
    })
  | (Path & {
      readonly kind: 'v3-put' | 'v3-delete';
      readonly input: InputDraft;
      readonly byId: boolean;
    })
  | (Path & {
      readonly kind: 'limit-set';
      readonly limits: readonly { type: number; max: number }[];
      readonly update: boolean;
    })
  | (Path & { readonly kind: 'limit-purge'; readonly type: number })
  | { readonly kind: 'label-create'; readonly family: number; readonly label: number }
  | {
      readonly kind: 'label-delete';
      readonly family: number;
      readonly label: number;
      readonly inverse: boolean;
      readonly backwards: boolean;
    };

/** Type indexes: sometimes none (`types: []`, W3), mostly one to three. */
const typeIndexes = fc.oneof(
  { weight: 1, arbitrary: fc.constant([]) },
  { weight: 5, arbitrary: fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 3 }) },
);

export const inputDraft: fc.Arbitrary<InputDraft> = fc.record({
  from: fc.nat(2),
  to: fc.nat(2),
  swap: fc.boolean(),
  types: typeIndexes,
  missing: fc.nat(15).map((n) => n === 0),
});

/**
 * A batch's inputs: fresh drafts, then (at least `repeated`) some that repeat an earlier input's
 * records with other types, in the same direction or (`swap`) the other, so one pair often comes
 * back in a batch.
 */
function inputsRepeating(repeated: number) {
  const repeat = fc.record({ of: fc.nat(3), swap: fc.boolean(), types: typeIndexes });
  return fc
    .record({
      drafts: fc.array(inputDraft, { minLength: 1, maxLength: 3 }),
      repeats: fc.array(repeat, { minLength: repeated, maxLength: 2 }),
    })
    .map(({ drafts, repeats }) => {
      const inputs = [...drafts];
      for (const { of, swap, types } of repeats) {
        const earlier = inputs[of % inputs.length];
        if (earlier) inputs.push({ ...earlier, swap: earlier.swap !== swap, types });
      }
      return inputs;
    });
}

export const batchInputs = inputsRepeating(0);

/** Inputs of which one at least names an earlier input's records again. */
export const repeatingInputs = inputsRepeating(1);

/** Pairs with Primary types and the one-type pair come up most (OBJECT_PAIRS lists them first). */
export const objectPair = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 2 }) },
  { weight: 2, arbitrary: fc.nat(OBJECT_PAIRS.length - 1) },
);

const path = {
  pair: objectPair,
  backwards: fc.boolean(),
  family: fc.nat(5),
};

const withInputs = <K extends string>(...kinds: K[]) =>
  fc.record({ kind: fc.constantFrom(...kinds), ...path, inputs: batchInputs });

const withInput = <K extends string>(...kinds: K[]) =>
  fc.record({ kind: fc.constantFrom(...kinds), ...path, input: inputDraft });

/**
 * The type a limit names, by index among the direction's: mostly the unlabeled type (HubSpot's
 * table lists it first), then the Primary (second where there is one), then any.
 */
const limitedType = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.constant(1) },
  { weight: 2, arbitrary: fc.nat(7) },
);

/** Sets (or changes) one or two limits, mostly of one target. */
export const limitSet = fc.record({
  kind: fc.constant('limit-set'),
  ...path,
  limits: fc.array(fc.record({ type: limitedType, max: fc.constantFrom(1, 1, 2) }), {
    minLength: 1,
    maxLength: 2,
  }),
  update: fc.nat(3).map((n) => n === 0),
});

/** Every command, weighted towards the writes the issue is about. */
export const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: withInputs('batch-create') },
  { weight: 3, arbitrary: withInputs('v3-create') },
  { weight: 3, arbitrary: withInput('put-labelled') },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('v3-put', 'v3-delete'),
      ...path,
      input: inputDraft,
      byId: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: withInputs('labels-archive', 'v3-archive', 'associate-default') },
  { weight: 1, arbitrary: withInputs('batch-archive', 'legacy-create', 'legacy-delete') },
  { weight: 1, arbitrary: withInput('put-default', 'delete-pair') },
  { weight: 3, arbitrary: limitSet },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('limit-purge'), ...path, type: limitedType }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('label-create'),
      family: fc.nat(5),
      label: fc.nat(LABEL_POOL.length - 1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('label-delete'),
      family: fc.nat(5),
      label: fc.nat(LABEL_POOL.length - 1),
      inverse: fc.boolean(),
      backwards: fc.boolean(),
    }),
  },
);
