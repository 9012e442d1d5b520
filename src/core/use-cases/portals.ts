// Portals (HubSpot accounts) as the control API and the command line manage them: list, create,
// delete, reset, and export or import a portal's whole state.
import { DomainError } from '../errors.js';
import type {
  AssociationRow,
  CrmRecord,
  CustomObjectSchema,
  LabelDefinition,
  LimitConfig,
  PropertySchemaEntry,
} from '../model.js';
import {
  PortalStateValidator,
  documentOfItems,
  itemsOfChunk,
  itemsOfDocument,
  type PortalDocument,
  type PortalStateItem,
} from '../portal-state.js';
import type { Portal, PortalCounts, PortalImportSummary, PortalStateChunk } from '../ports.js';
import type { CoreDeps } from './deps.js';

/** Items per chunk an export reads and an import writes: large enough for set-based statements. */
const CHUNK_SIZE = 5000;

function notFound(portalId: number): DomainError {
  return new DomainError('PORTAL_NOT_FOUND', `No portal with id ${portalId}`, {
    portalId: [String(portalId)],
  });
}

function assertPortalId(portalId: number): void {
  if (Number.isSafeInteger(portalId) && portalId > 0) return;
  throw new DomainError('INVALID_INPUT', `A portal id is a positive integer, not ${portalId}`, {
    portalId: [String(portalId)],
  });
}

export function listPortals(deps: CoreDeps): Promise<Portal[]> {
  return deps.store.listPortals();
}

export async function getPortal(deps: CoreDeps, portalId: number): Promise<Portal> {
  const portal = await deps.store.getPortal(portalId);
  if (!portal) throw notFound(portalId);
  return portal;
}

/** The portal, created with this name when it does not exist yet. */
export async function ensurePortal(deps: CoreDeps, portalId: number, name: string) {
  assertPortalId(portalId);
  const existing = await deps.store.getPortal(portalId);
  if (existing) return existing;
  // Another process may create it between the read and the insert; then its portal is the one.
  return (
    (await deps.store.createPortal(portalId, name, deps.clock.now())) ?? getPortal(deps, portalId)
  );
}

/** A portal to create: without an id it takes the next after the largest in use. */
export interface PortalInput {
  readonly portalId?: number | undefined;
  readonly name?: string | undefined;
}

/** Attempts at the next free id when portals are created concurrently without one. */
const CREATE_ATTEMPTS = 5;

export async function createPortal(deps: CoreDeps, input: PortalInput): Promise<Portal> {
  if (input.name?.trim() === '') {
    throw new DomainError('INVALID_INPUT', 'A portal name cannot be empty', { name: [input.name] });
  }
  if (input.portalId !== undefined) {
    assertPortalId(input.portalId);
    const created = await deps.store.createPortal(
      input.portalId,
      input.name ?? `portal ${input.portalId}`,
      deps.clock.now(),
    );
    if (created) return created;
    throw new DomainError('PORTAL_EXISTS', `A portal with id ${input.portalId} already exists`, {
      portalId: [String(input.portalId)],
    });
  }
  for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
    const portalId = (await deps.store.maxPortalId()) + 1;
    const name = input.name ?? `portal ${portalId}`;
    const created = await deps.store.createPortal(portalId, name, deps.clock.now());
    if (created) return created;
  }
  throw new DomainError('PORTAL_EXISTS', 'Portals were created concurrently; try again');
}

/** Deletes the portal, its data and its tokens. */
export async function deletePortal(deps: CoreDeps, portalId: number): Promise<void> {
  if (!(await deps.store.deletePortal(portalId))) throw notFound(portalId);
}

/** Empties the portal; it keeps its name and tokens, and its ids start again. */
export async function resetPortal(deps: CoreDeps, portalId: number): Promise<void> {
  await getPortal(deps, portalId);
  await deps.store.resetPortal(portalId);
}

/** Empties every portal, one after the other (each reset is a transaction of its own). */
export async function resetAllPortals(deps: CoreDeps): Promise<void> {
  for (const portal of await deps.store.listPortals()) {
    await deps.store.resetPortal(portal.portalId);
  }
}

/** What a portal holds, counted from indexes: records per object type, rows, labels, limits. */
export interface PortalSummary extends PortalCounts {
  readonly labels: LabelDefinition[];
  readonly limits: LimitConfig[];
}

export async function portalSummary(deps: CoreDeps, portalId: number): Promise<PortalSummary> {
  await getPortal(deps, portalId);
  const [counts, labels, limits] = await Promise.all([
    deps.store.countPortal(portalId),
    deps.store.listLabels(portalId),
    deps.store.listLimits(portalId),
  ]);
  return { ...counts, labels, limits };
}

/** The portal's whole state as items: portal, labels, limits, records, then associations. */
export async function* exportItems(
  deps: CoreDeps,
  portalId: number,
): AsyncIterable<PortalStateItem> {
  await getPortal(deps, portalId);
  for await (const chunk of deps.store.exportPortal(portalId, CHUNK_SIZE)) {
    yield* itemsOfChunk(chunk);
  }
}

/** The portal's whole state as one document. */
export async function exportDocument(deps: CoreDeps, portalId: number): Promise<PortalDocument> {
  const items: PortalStateItem[] = [];
  for await (const item of exportItems(deps, portalId)) items.push(item);
  return documentOfItems(portalId, items);
}

/**
 * Replaces the portal's state with a document, creating the portal if needed. The whole document
 * is checked first (INVALID_INPUT names the JSON path of the first bad item), then written in one
 * transaction.
 */
export async function importDocument(
  deps: CoreDeps,
  portalId: number,
  body: unknown,
): Promise<PortalImportSummary> {
  assertPortalId(portalId);
  const validator = new PortalStateValidator(deps.builtIn);
  const chunks: PortalStateChunk[] = [];
  for (const { item, path } of itemsOfDocument(body)) {
    try {
      chunks.push(validator.chunkOf(item));
    } catch (error) {
      if (error instanceof DomainError) {
        throw new DomainError('INVALID_INPUT', `${path}: ${error.message}`, { path: [path] });
      }
      throw error;
    }
  }
  return deps.store.importPortal(portalId, batched(fromArray(chunks)));
}

/**
 * Replaces the portal's state with a stream of items, in one transaction: when an item is
 * invalid, or the stream fails, nothing changes. Each item is checked as it is read, so the
 * failing item is the last one the stream handed over; its error (INVALID_INPUT) carries its
 * position from 1 in the context's `item`. Items come in any order, except that a label comes
 * before the limits and rows using it, and records before the associations naming them (export
 * writes them so). Items are taken as read from a file: anything that is not a valid
 * PortalStateItem is refused with INVALID_INPUT.
 */
export async function importItems(
  deps: CoreDeps,
  portalId: number,
  items: AsyncIterable<unknown>,
): Promise<PortalImportSummary> {
  assertPortalId(portalId);
  return deps.store.importPortal(portalId, readAhead(batched(validated(deps, items))));
}

/**
 * The chunks, each read (parsed and checked) while the store writes the one before: on
 * PostgreSQL the two overlap, the database working while this process reads. (SQLite's driver
 * blocks, so there they simply alternate.)
 */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncIterable<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  // A failure of the chunk read ahead is awaited below, or dropped when the store has failed
  // first: either way it must not count as unhandled.
  next.catch(() => undefined);
  try {
    for (let result = await next; result.done !== true; result = await next) {
      next = iterator.next();
      next.catch(() => undefined);
      yield result.value;
    }
  } finally {
    // Left early (the store failed): the source is told to stop once its pending read settles,
    // without waiting for it, as that read may wait on an input that never ends.
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}

async function* validated(
  deps: CoreDeps,
  items: AsyncIterable<unknown>,
): AsyncIterable<PortalStateChunk> {
  const validator = new PortalStateValidator(deps.builtIn);
  let position = 0;
  for await (const item of items) {
    position += 1;
    try {
      yield validator.chunkOf(item);
    } catch (error) {
      if (error instanceof DomainError) {
        throw new DomainError('INVALID_INPUT', error.message, { item: [String(position)] });
      }
      throw error;
    }
  }
}

async function* fromArray<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield await Promise.resolve(item);
}

/** Consecutive chunks of one kind merged into chunks of up to CHUNK_SIZE items. */
async function* batched(chunks: AsyncIterable<PortalStateChunk>): AsyncIterable<PortalStateChunk> {
  let pending: Pending | null = null;
  for await (const chunk of chunks) {
    if (pending && !pending.takes(chunk)) {
      yield pending.chunk();
      pending = null;
    }
    if (chunk.kind === 'portal') yield chunk;
    else if (pending) pending.add(chunk);
    else pending = new Pending(chunk);
  }
  if (pending) yield pending.chunk();
}

type ListChunk = Exclude<PortalStateChunk, { kind: 'portal' }>;

/** A chunk being filled. */
class Pending {
  readonly #kind: ListChunk['kind'];
  readonly #archived: boolean;
  readonly #schemas: CustomObjectSchema[] = [];
  readonly #entries: PropertySchemaEntry[] = [];
  readonly #labels: LabelDefinition[] = [];
  readonly #limits: LimitConfig[] = [];
  readonly #records: CrmRecord[] = [];
  readonly #rows: AssociationRow[] = [];
  #size = 0;

  constructor(first: ListChunk) {
    this.#kind = first.kind;
    this.#archived = first.kind === 'associations' && first.archived;
    this.add(first);
  }

  takes(chunk: PortalStateChunk): boolean {
    if (chunk.kind !== this.#kind || this.#size >= CHUNK_SIZE) return false;
    return chunk.kind !== 'associations' || chunk.archived === this.#archived;
  }

  add(chunk: ListChunk): void {
    switch (chunk.kind) {
      case 'schemas':
        this.#schemas.push(...chunk.schemas);
        this.#size += chunk.schemas.length;
        return;
      case 'propertySchema':
        this.#entries.push(...chunk.entries);
        this.#size += chunk.entries.length;
        return;
      case 'labels':
        this.#labels.push(...chunk.labels);
        this.#size += chunk.labels.length;
        return;
      case 'limits':
        this.#limits.push(...chunk.limits);
        this.#size += chunk.limits.length;
        return;
      case 'records':
        this.#records.push(...chunk.records);
        this.#size += chunk.records.length;
        return;
      case 'associations':
        this.#rows.push(...chunk.rows);
        this.#size += chunk.rows.length;
        return;
    }
  }

  chunk(): ListChunk {
    switch (this.#kind) {
      case 'schemas':
        return { kind: 'schemas', schemas: this.#schemas };
      case 'propertySchema':
        return { kind: 'propertySchema', entries: this.#entries };
      case 'labels':
        return { kind: 'labels', labels: this.#labels };
      case 'limits':
        return { kind: 'limits', limits: this.#limits };
      case 'records':
        return { kind: 'records', records: this.#records };
      case 'associations':
        return { kind: 'associations', archived: this.#archived, rows: this.#rows };
    }
  }
}
