// A core over a fresh store of each engine, with a clock the test moves, and short ways to create
// records, associate them and look at what a record is associated with.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { createCore, type Core } from '../../src/core/create-core.js';
import { DomainError, type ErrorCode } from '../../src/core/errors.js';
import type { AssociationSpec } from '../../src/core/model.js';
import { resolveObjectType, type StandardObjectType } from '../../src/core/object-types.js';
import { postgresSkip } from '../helpers/postgres.js';
import { createTestStore, type TestEngine } from '../helpers/test-store.js';

export const PORTAL = 1;
export const contacts = resolveObjectType('contacts');
export const companies = resolveObjectType('companies');
export const deals = resolveObjectType('deals');

/** Each engine, with the reason to skip it here (PostgreSQL may be unreachable). */
export async function engines(): Promise<{ engine: TestEngine; skip: string | false }[]> {
  return [
    { engine: 'sqlite', skip: false },
    { engine: 'postgres', skip: await postgresSkip() },
  ];
}

export interface Fixture {
  readonly core: Core;
  /** Moves the clock on by a second and returns the new time. */
  readonly tick: () => Date;
  /** Creates one record and returns its id as clients send it. */
  readonly create: (
    type: StandardObjectType,
    properties?: Record<string, string>,
  ) => Promise<string>;
  /** Sets the pair's types (labels replace, as v4 PUT does). */
  readonly link: (
    from: StandardObjectType,
    fromId: string,
    to: StandardObjectType,
    toId: string,
    ...types: (number | AssociationSpec)[]
  ) => Promise<void>;
  /** What the record is associated with among `to` records: `id: label, label…`, in id order. */
  readonly targets: (
    from: StandardObjectType,
    id: string,
    to: StandardObjectType,
  ) => Promise<string[]>;
  /** The portal's whole state, to show that a failed call changed nothing. */
  readonly state: () => Promise<unknown>;
}

export async function fixture(t: TestContext, engine: TestEngine): Promise<Fixture> {
  const { store, dispose } = await createTestStore(engine);
  t.after(dispose);
  let now = new Date('2026-02-03T04:05:06.000Z');
  const core = createCore({ store, clock: { now: () => now } });
  await core.portals.ensure(PORTAL, 'Default');
  return {
    core,
    tick: () => (now = new Date(now.getTime() + 1000)),
    create: async (type, properties = {}) => {
      const [record] = await core.records.create(PORTAL, type, [{ properties, associations: [] }]);
      return String(record!.id);
    },
    link: async (from, fromId, to, toId, ...types) => {
      const specs = types.map((type) =>
        typeof type === 'number' ? { category: 'HUBSPOT_DEFINED' as const, typeId: type } : type,
      );
      const outcome = await core.associations.createLabelled(PORTAL, { from, to }, [
        { fromId, toId, types: specs },
      ]);
      assert.deepEqual(outcome.errors, []);
    },
    targets: async (from, id, to) => {
      const page = await core.associations.getPage(PORTAL, { from, to }, id, {});
      return page.targets.map(
        (target) =>
          `${target.toId}: ${target.types.map((type) => type.label ?? 'unlabeled').join(', ')}`,
      );
    },
    state: () => core.portals.exportDocument(PORTAL),
  };
}

/** A matcher for `assert.rejects`: a DomainError with this code and, if given, message. */
export function failsWith(code: ErrorCode, message?: RegExp | string) {
  return (error: unknown) => {
    assert.ok(error instanceof DomainError, String(error));
    assert.equal(error.code, code);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return true;
  };
}
