// Writes for the type id collision tests: one input through one family, applied to the model too.
import assert from 'node:assert/strict';
import type { TestApp } from './test-app.js';
import {
  BATCH_PREFIXES,
  RECORD_PREFIXES,
  pathName,
  type AssociationModel,
  type Pair,
  type Spec,
  type TypeTable,
} from './type-collisions.js';

/** How a write is sent: v4 shapes (in each v4-shaped family) replace, v3 adds one named type. */
export const WRITE_KINDS = [
  'batch-create',
  'put-labelled',
  'v3-create',
  'labels-archive',
  'v3-archive',
] as const;
export type WriteKind = (typeof WRITE_KINDS)[number];

/** One input of one write: a pair, its types, and the family (an index into its prefixes). */
export interface WriteOp {
  readonly kind: WriteKind;
  readonly family: number;
  readonly pair: Pair;
  readonly specs: readonly Spec[];
}

export function pick<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

/** What the request answers when it succeeds. */
function assertSucceeded(kind: WriteKind, response: { status: number; body: any; text: string }) {
  const ok = kind === 'labels-archive' || kind === 'v3-archive' ? [200, 204] : [200, 201];
  assert.ok(ok.includes(response.status), `${kind}: ${response.status} ${response.text}`);
  assert.equal(response.body?.numErrors, undefined, `${kind}: ${response.text}`);
}

/** Sends the write; the answer is the caller's to judge. */
export async function attempt(app: TestApp, types: TypeTable, op: WriteOp) {
  const { pair, specs } = op;
  const from = pathName(pair.fromType);
  const to = pathName(pair.toType);
  const ends = { from: { id: pair.fromId }, to: { id: pair.toId } };
  const wire = specs.map((spec) => ({
    associationCategory: spec.category,
    associationTypeId: spec.typeId,
  }));
  const [first] = specs;
  if (!first) throw new Error('a write names at least one type');
  const name = types.find(pair.fromType, pair.toType, first).v3Name;
  const batch = `${pick(BATCH_PREFIXES, op.family)}/${from}/${to}/batch`;
  const v3 = `/crm/v3/associations/${from}/${to}/batch`;
  switch (op.kind) {
    case 'batch-create':
      return app.request('POST', `${batch}/create`, { inputs: [{ ...ends, types: wire }] });
    case 'put-labelled': {
      const prefix = pick(RECORD_PREFIXES, op.family);
      return app.request(
        'PUT',
        `${prefix}/${from}/${pair.fromId}/associations/${to}/${pair.toId}`,
        wire,
      );
    }
    case 'v3-create':
      return app.request('POST', `${v3}/create`, { inputs: [{ ...ends, type: name }] });
    case 'labels-archive':
      return app.request('POST', `${batch}/labels/archive`, { inputs: [{ ...ends, types: wire }] });
    case 'v3-archive':
      return app.request('POST', `${v3}/archive`, { inputs: [{ ...ends, type: name }] });
  }
}

/** Sends the write, checks that it succeeded, and applies it to the model. */
export async function send(
  app: TestApp,
  types: TypeTable,
  model: AssociationModel,
  op: WriteOp,
): Promise<void> {
  assertSucceeded(op.kind, await attempt(app, types, op));
  const { pair, specs } = op;
  if (op.kind === 'batch-create' || op.kind === 'put-labelled') model.write(pair, specs, 'replace');
  if (op.kind === 'labels-archive') model.archive(pair, specs);
  const [first] = specs;
  if (!first || (op.kind !== 'v3-create' && op.kind !== 'v3-archive')) return;
  const name = types.find(pair.fromType, pair.toType, first).v3Name;
  const named = types.byV3Name(pair.fromType, pair.toType, name);
  if (op.kind === 'v3-create') model.write(pair, [named], 'add');
  else model.archive(pair, [named]);
}
