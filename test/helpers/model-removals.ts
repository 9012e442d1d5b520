// The writes of the model-based test that remove associations: v3 DELETE and archive by name,
// labels/archive, batch archive and DELETE of a pair, each predicted by the model.
import { archived, refused, statuses, type Answer } from './model-answers.js';
import { specsOfDraft, wireSpec, type InputDraft, type World } from './model-world.js';
import {
  ends,
  pairsOf,
  segmentOf,
  send,
  urls,
  v3NamedInputs,
  type Exchange,
  type PathCommand,
} from './model-steps.js';
import type { ItemError } from './register-outcomes.js';
import type { KnownType, Pair } from './type-collisions.js';

/** V4: v3 DELETE removes the named type both ways (the unlabeled one, the whole pair). */
export async function v3Delete(
  world: World,
  command: PathCommand & { input: InputDraft; byId: boolean },
): Promise<Exchange> {
  const [pair] = pairsOf(world, command, [command.input]);
  if (!pair) throw new Error('one draft gives one pair');
  const segment = segmentOf(world, pair, command.input, command.byId);
  const url = `${urls(command).record(pair, '/crm/v3/objects')}/${segment}`;
  const actual = await send(world, 'DELETE', url);
  const type = world.model.byNameOrId(pair, segment);
  if ('code' in type) return { what: `DELETE ${url}`, actual, wanted: refused(type) };
  world.model.rows.archive(pair, [type]);
  return { what: `DELETE ${url}`, actual, wanted: { status: 204, body: undefined } };
}

/**
 * W14, v3 archive: every input's types are checked first (one unknown refuses the call and
 * removes nothing), then each input removes its types, in order; unknown records are ignored.
 */
function archiveAll(
  world: World,
  inputs: readonly { pair: Pair; resolved: readonly KnownType[] | ItemError }[],
  status: number,
): Answer {
  for (const { resolved } of inputs) if ('code' in resolved) return refused(resolved);
  for (const { pair, resolved } of inputs) {
    if (!('code' in resolved) && resolved.length > 0) world.model.rows.archive(pair, resolved);
  }
  return archived(status);
}

export async function labelsArchive(
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
  const actual = await send(world, 'POST', `${batch}/labels/archive`, body);
  const resolved = inputs.map(({ pair, specs }) => ({
    pair,
    resolved: world.model.resolve(pair, specs),
  }));
  const wanted = archiveAll(world, resolved, statuses.archive(command.family));
  return { what: `POST ${batch}/labels/archive ${JSON.stringify(body)}`, actual, wanted };
}

export async function v3Archive(
  world: World,
  command: PathCommand & { inputs: readonly InputDraft[] },
): Promise<Exchange> {
  const { v3 } = urls(command);
  const { inputs, body } = v3NamedInputs(world, command);
  const actual = await send(world, 'POST', `${v3}/archive`, body);
  const resolved = inputs.map(({ pair, name }) => {
    const type = world.model.byNameOrId(pair, name);
    return { pair, resolved: 'code' in type ? type : [type] };
  });
  return {
    what: `POST ${v3}/archive ${JSON.stringify(body)}`,
    actual,
    wanted: archiveAll(world, resolved, 204),
  };
}

/** batch/archive (W14): everything between each pair goes, both ways; unknown ids are ignored. */
export async function batchArchive(
  world: World,
  command: PathCommand & { inputs: readonly InputDraft[] },
): Promise<Exchange> {
  const { batch } = urls(command);
  const pairs = pairsOf(world, command, command.inputs);
  const body = {
    inputs: pairs.map((pair) => ({ from: { id: pair.fromId }, to: [{ id: pair.toId }] })),
  };
  const actual = await send(world, 'POST', `${batch}/archive`, body);
  for (const pair of pairs) world.model.rows.removePair(pair);
  return {
    what: `POST ${batch}/archive ${JSON.stringify(body)}`,
    actual,
    wanted: archived(statuses.archive(command.family)),
  };
}

export async function deletePair(
  world: World,
  command: PathCommand & { input: InputDraft },
): Promise<Exchange> {
  const [pair] = pairsOf(world, command, [command.input]);
  if (!pair) throw new Error('one draft gives one pair');
  const url = urls(command).record(pair);
  const actual = await send(world, 'DELETE', url);
  world.model.rows.removePair(pair);
  return { what: `DELETE ${url}`, actual, wanted: { status: 204, body: undefined } };
}
