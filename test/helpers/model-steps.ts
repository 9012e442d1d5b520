// The writes of the model-based test that add associations: each sends its request through its
// door and has the model predict the answer (the model changes as the register says the server
// does); what these steps share with the removals is here too.
import { answerOf, batchAnswer, refused, statuses, type Answer } from './model-answers.js';
import type { Command } from './model-commands.js';
import {
  OBJECT_PAIRS,
  candidateTypes,
  directionOf,
  pairOfDraft,
  specsOfDraft,
  typeOfDraft,
  wireSpec,
  type InputDraft,
  type World,
} from './model-world.js';
import { failed } from './register-outcomes.js';
import { pick } from './collision-writes.js';
import {
  BATCH_PREFIXES,
  RECORD_PREFIXES,
  SCHEMA_PREFIXES,
  pathName,
  reversed,
  type KnownType,
  type Pair,
} from './type-collisions.js';

/** A request, what it answered, and what the model says it should have answered. */
export interface Exchange {
  readonly what: string;
  readonly actual: Answer;
  readonly wanted: Answer;
}

/** A pair as batch inputs name it. */
export const ends = (pair: Pair) => ({ from: { id: pair.fromId }, to: { id: pair.toId } });

/** W1, W4: `LabelsBetweenObjectPair`, ids as numbers. */
const labelsBetween = (pair: Pair, labels: readonly string[]) => ({
  fromObjectTypeId: pair.fromType,
  fromObjectId: Number(pair.fromId),
  toObjectTypeId: pair.toType,
  toObjectId: Number(pair.toId),
  labels,
});

/** F5: v3 create results, the named type and its inverse. */
function namedWire(world: World, pair: Pair, type: KnownType) {
  const inverse = world.model.types.inverseOf(type);
  const forward = { ...ends(pair), type: type.v3Name };
  return inverse ? [forward, { ...ends(reversed(pair)), type: inverse.v3Name }] : [forward];
}

/** associate/default results: the unlabeled type each way. */
function defaultWire(pair: Pair, types: readonly KnownType[]) {
  return types.map((type, index) => ({
    ...ends(index === 0 ? pair : reversed(pair)),
    associationSpec: wireSpec(type),
  }));
}

/** Sends a request; its answer without volatile fields. */
export async function send(world: World, method: string, url: string, body?: unknown) {
  return answerOf(await world.app.request(method, url, body));
}

/** The paths of a command's family and object-type direction, for each kind of door. */
export function urls(command: Command & { family: number; pair: number; backwards: boolean }) {
  const [from, to] = directionOf(pick(OBJECT_PAIRS, command.pair), command.backwards);
  const names = `${pathName(from)}/${pathName(to)}`;
  return {
    direction: [from, to] as const,
    batch: `${pick(BATCH_PREFIXES, command.family)}/${names}/batch`,
    v3: `/crm/v3/associations/${names}/batch`,
    schema: `${pick(SCHEMA_PREFIXES, command.family)}/definitions/configurations/${names}`,
    record: (pair: Pair, prefix = pick(RECORD_PREFIXES, command.family)) =>
      `${prefix}/${pathName(pair.fromType)}/${pair.fromId}/associations/${pathName(pair.toType)}/${pair.toId}`,
  };
}

/** A command over an object-type pair (all but the label commands). */
export type PathCommand = Exclude<Command, { kind: 'label-create' | 'label-delete' }>;

/** The pairs of records the drafts name, in the command's direction. */
export function pairsOf(world: World, command: PathCommand, drafts: readonly InputDraft[]): Pair[] {
  const { direction } = urls(command);
  return drafts.map((draft) => pairOfDraft(world, direction, draft));
}

/** v4 batch create (W2–W9): each input as PUT labelled would apply it, in order. */
export async function batchCreate(
  world: World,
  command: PathCommand & { inputs: readonly InputDraft[] },
): Promise<Exchange> {
  const { batch } = urls(command);
  const inputs = pairsOf(world, command, command.inputs).map((pair, index) => ({
    pair,
    specs: specsOfDraft(world, pair, command.inputs[index]?.types ?? []),
  }));
  const body = {
    inputs: inputs.map(({ pair, specs }) => ({ ...ends(pair), types: specs.map(wireSpec) })),
  };
  const actual = await send(world, 'POST', `${batch}/create`, body);
  const outcomes = inputs.map(({ pair, specs }) => ({
    pair,
    outcome: world.model.putLabelled(pair, specs),
  }));
  const wanted = batchAnswer(
    outcomes.map(({ pair, outcome }) =>
      failed(outcome) ? outcome : { result: { pair, labels: outcome.result } },
    ),
    ({ pair, labels }) => [labelsBetween(pair, labels)],
    statuses.batchCreate(command.family),
  );
  return { what: `POST ${batch}/create ${JSON.stringify(body)}`, actual, wanted };
}

/** PUT labelled (W1–W3): 201 with the pair's labels, or 400 with the input's error. */
export async function putLabelled(
  world: World,
  command: PathCommand & { input: InputDraft },
): Promise<Exchange> {
  const [pair] = pairsOf(world, command, [command.input]);
  if (!pair) throw new Error('one draft gives one pair');
  const specs = specsOfDraft(world, pair, command.input.types);
  const url = urls(command).record(pair);
  const actual = await send(world, 'PUT', url, specs.map(wireSpec));
  const outcome = world.model.putLabelled(pair, specs);
  const wanted = failed(outcome)
    ? refused(outcome.error)
    : { status: 201, body: labelsBetween(pair, outcome.result) };
  return { what: `PUT ${url} ${JSON.stringify(specs)}`, actual, wanted };
}

/** A v3 batch's inputs: each draft's pair with the v3 name of its type, and the request body. */
export function v3NamedInputs(
  world: World,
  command: PathCommand & { inputs: readonly InputDraft[] },
) {
  const inputs = pairsOf(world, command, command.inputs).map((pair, index) => {
    const draft = command.inputs[index];
    if (!draft) throw new Error('a pair per draft');
    return { pair, name: typeOfDraft(world, pair, draft).v3Name };
  });
  const body = { inputs: inputs.map(({ pair, name }) => ({ ...ends(pair), type: name })) };
  return { inputs, body };
}

/** v3 batch create by name (F5, L11): each input adds its named type, in order. */
export async function v3Create(
  world: World,
  command: PathCommand & { inputs: readonly InputDraft[] },
): Promise<Exchange> {
  const { v3 } = urls(command);
  const { inputs, body } = v3NamedInputs(world, command);
  const actual = await send(world, 'POST', `${v3}/create`, body);
  const outcomes = inputs.map(({ pair, name }) => {
    const outcome = world.model.addType(pair, world.model.byNameOrId(pair, name));
    return failed(outcome) ? outcome : { result: { pair, type: outcome.result } };
  });
  const wanted = batchAnswer(
    outcomes,
    ({ pair, type }) => namedWire(world, pair, type),
    statuses.v3Create,
  );
  return { what: `POST ${v3}/create ${JSON.stringify(body)}`, actual, wanted };
}

/** The segment a v3 record-level call names its type by: a v3 name, or (V3) a type id. */
export function segmentOf(world: World, pair: Pair, draft: InputDraft, byId: boolean): string {
  const type = typeOfDraft(world, pair, draft);
  return byId ? String(type.typeId) : type.v3Name;
}

/** V2: v3 PUT adds the named type and answers the from-record with its associations. */
export async function v3Put(
  world: World,
  command: PathCommand & { input: InputDraft; byId: boolean },
): Promise<Exchange> {
  const [pair] = pairsOf(world, command, [command.input]);
  if (!pair) throw new Error('one draft gives one pair');
  const segment = segmentOf(world, pair, command.input, command.byId);
  const url = `${urls(command).record(pair, '/crm/v3/objects')}/${segment}`;
  const response = await world.app.request('PUT', url);
  const outcome = world.model.addType(pair, world.model.byNameOrId(pair, segment));
  if (failed(outcome))
    return { what: `PUT ${url}`, actual: answerOf(response), wanted: refused(outcome.error) };
  const targets = world.model.rows.targets(pair.fromType, pair.fromId, pair.toType);
  const lines = [...targets].flatMap(([toId, types]) =>
    types.map((type) => `${toId} ${type.v3Name}`),
  );
  const shown = (
    (response.body?.associations?.[pathName(pair.toType)]?.results ?? []) as any[]
  ).map((result) => `${result.id} ${result.type}`);
  return {
    what: `PUT ${url}`,
    actual: {
      status: response.status,
      body: { id: response.body?.id, associations: shown.sort() },
    },
    wanted: { status: 200, body: { id: pair.fromId, associations: lines.sort() } },
  };
}

/** associate/default (W5, M6): each input adds the unlabeled type both ways, in order. */
export async function associateDefault(
  world: World,
  command: PathCommand & { inputs: readonly InputDraft[] },
): Promise<Exchange> {
  const { batch } = urls(command);
  const pairs = pairsOf(world, command, command.inputs);
  const body = { inputs: pairs.map(ends) };
  const actual = await send(world, 'POST', `${batch}/associate/default`, body);
  const outcomes = pairs.map((pair) => {
    const outcome = world.model.addDefault(pair);
    return failed(outcome) ? outcome : { result: { pair, types: outcome.result } };
  });
  const wanted = batchAnswer(
    outcomes,
    ({ pair, types }) => defaultWire(pair, types),
    statuses.associateDefault,
  );
  return { what: `POST ${batch}/associate/default ${JSON.stringify(body)}`, actual, wanted };
}

export async function putDefault(
  world: World,
  command: PathCommand & { input: InputDraft },
): Promise<Exchange> {
  const [pair] = pairsOf(world, command, [command.input]);
  if (!pair) throw new Error('one draft gives one pair');
  const prefix = pick(RECORD_PREFIXES, command.family);
  const url = `${prefix}/${pathName(pair.fromType)}/${pair.fromId}/associations/default/${pathName(pair.toType)}/${pair.toId}`;
  const actual = await send(world, 'PUT', url);
  const outcome = world.model.addDefault(pair);
  const wanted = batchAnswer(
    [failed(outcome) ? outcome : { result: outcome.result }],
    (types) => defaultWire(pair, types),
    statuses.associateDefault,
  );
  return { what: `PUT ${url}`, actual, wanted };
}

/** A legacy input: each draft in its own direction (`swap`), through one HubSpot-defined type. */
function legacyInputs(world: World, command: PathCommand & { inputs: readonly InputDraft[] }) {
  const objects = pick(OBJECT_PAIRS, command.pair);
  return command.inputs.map((draft) => {
    const pair = pairOfDraft(world, directionOf(objects, draft.swap), { ...draft, swap: false });
    const builtIn = candidateTypes(world, pair.fromType, pair.toType).filter(
      (t) => t.category === 'HUBSPOT_DEFINED',
    );
    const type = pick(builtIn, draft.types[0] ?? 0);
    return { pair, type };
  });
}

/** The pairs a command's inputs name (their records are read back after it). */
export function pairsOfCommand(world: World, command: PathCommand): Pair[] {
  if (command.kind === 'legacy-create' || command.kind === 'legacy-delete')
    return legacyInputs(world, command).map(({ pair }) => pair);
  if ('inputs' in command) return pairsOf(world, command, command.inputs);
  if ('input' in command) return pairsOf(world, command, [command.input]);
  return [];
}

/** LG2, LG3: v1 create-batch (all or nothing, in order) and delete-batch (whole pairs). */
export async function legacy(
  world: World,
  command: PathCommand & { inputs: readonly InputDraft[] },
): Promise<Exchange> {
  const inputs = legacyInputs(world, command);
  const create = command.kind === 'legacy-create';
  const url = `/crm-associations/v1/associations/${create ? 'create-batch' : 'delete-batch'}`;
  const body = inputs.map(({ pair, type }) => ({
    fromObjectId: pair.fromId,
    toObjectId: pair.toId,
    category: type.category,
    definitionId: type.typeId,
  }));
  const actual = await send(world, 'PUT', url, body);
  if (!create) {
    for (const { pair } of inputs) world.model.rows.removePair(pair);
    return {
      what: `PUT ${url} ${JSON.stringify(body)}`,
      actual,
      wanted: { status: 204, body: undefined },
    };
  }
  const error = world.model.allOrNothing(
    inputs.map(
      ({ pair, type }) =>
        () =>
          world.model.addType(pair, type),
    ),
  );
  const wanted = error ? refused(error) : { status: 204, body: undefined };
  return { what: `PUT ${url} ${JSON.stringify(body)}`, actual, wanted };
}
