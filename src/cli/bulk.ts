// The bulk commands: export a portal's whole state as NDJSON or CSV, and import it back in one
// transaction, streamed both ways, with a progress bar on a terminal and a summary line.
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createCore } from '../core/create-core.js';
import { DomainError } from '../core/errors.js';
import type { PortalStateItem } from '../core/portal-state.js';
import type { PortalImportSummary, Store } from '../core/ports.js';
import { RecentItems } from '../server/portal-items.js';
import { BadLineError, formatOf, readItems, writeItems, type BulkFormat } from './bulk-formats.js';
import { startProgress, type Progress, type ProgressStream } from './bulk-progress.js';
import { openStore, type StoreChoice } from './open-store.js';

/** The streams of the process: main passes process.stdin, stdout and stderr. */
export interface BulkIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: ProgressStream;
}

export interface ExportCommand {
  readonly store: StoreChoice;
  readonly portalId: number;
  readonly format?: BulkFormat | undefined;
  /** The file to write; stdout when not given. */
  readonly out?: string | undefined;
  /** False for --no-progress. */
  readonly progress: boolean;
}

export interface ImportCommand {
  readonly store: StoreChoice;
  readonly portalId: number;
  readonly format?: BulkFormat | undefined;
  /** The file to read, or `-` for stdin. */
  readonly file: string;
  readonly progress: boolean;
}

/** How many items of each type an export wrote. */
export type ItemCounts = Record<PortalStateItem['type'], number>;

export interface ExportOptions {
  readonly portalId: number;
  readonly format: BulkFormat;
  readonly output: Writable;
  /** Whether to end `output` once written: not for stdout, which outlives the command. */
  readonly end?: boolean;
  readonly progress?: Progress;
}

const NO_PROGRESS: Progress = { advance: () => undefined, stop: () => undefined };

/** Writes the portal's whole state, one consistent snapshot, to `output`. */
export async function exportPortal(store: Store, options: ExportOptions): Promise<ItemCounts> {
  const counts: ItemCounts = {
    portal: 0,
    schema: 0,
    propertyGroup: 0,
    property: 0,
    label: 0,
    limit: 0,
    record: 0,
    association: 0,
  };
  const progress = options.progress ?? NO_PROGRESS;
  const items = createCore({ store }).portals.exportItems(options.portalId);
  async function* counted(): AsyncIterable<PortalStateItem> {
    for await (const item of items) {
      counts[item.type] += 1;
      progress.advance(1);
      yield item;
    }
  }
  await pipeline(writeItems(options.format, counted()), options.output, {
    end: options.end ?? true,
  });
  return counts;
}

export interface ImportOptions {
  readonly portalId: number;
  readonly format: BulkFormat;
  readonly input: Readable;
  readonly progress?: Progress;
}

/** What the portal holds after an import, and how many items the input had. */
export interface ImportSummary extends PortalImportSummary {
  readonly items: number;
}

/**
 * Replaces the portal's whole state with the input's items, in one transaction. A malformed or
 * invalid item throws a BadLineError naming its line, and nothing changes; so does an empty
 * input, which is what a failed export upstream of a pipe looks like.
 */
export async function importPortal(store: Store, options: ImportOptions): Promise<ImportSummary> {
  const progress = options.progress ?? NO_PROGRESS;
  const source = readItems(options.format, options.input)[Symbol.asyncIterator]();
  // The first item is read before the transaction begins: an export feeding this import through
  // a pipe has then opened its own store and its snapshot, so the two can share one SQLite file
  // (the import's write lock would otherwise hold the export's opening back).
  const first = await source.next();
  if (first.done === true) {
    throw new Error('the input holds no items (to empty a portal, reset it)');
  }
  const lines = new RecentItems();
  async function* items(): AsyncIterable<unknown> {
    for (let next = first; next.done !== true; next = await source.next()) {
      lines.add(next.value);
      progress.advance(1);
      yield next.value.item;
    }
  }
  try {
    const summary = await createCore({ store }).portals.importItems(options.portalId, items());
    return { ...summary, items: lines.count };
  } catch (error) {
    const position = error instanceof DomainError ? error.context?.['item']?.[0] : undefined;
    const read = position === undefined ? undefined : lines.at(Number(position));
    if (read !== undefined && error instanceof Error) {
      throw new BadLineError(read.line, error.message, read.path);
    }
    throw error;
  }
}

/** `N items (records …, associations …, labels …, limits …, properties …) in S s, R items/s`. */
function summaryText(items: number, counts: PortalImportSummary, started: number): string {
  const seconds = (performance.now() - started) / 1000;
  return (
    `${items} items (records ${counts.records}, associations ${counts.associations}, ` +
    `labels ${counts.labels}, limits ${counts.limits}, properties ${counts.properties}) ` +
    `in ${seconds.toFixed(2)} s, ` +
    `${Math.round(items / Math.max(seconds, 0.001))} items/s`
  );
}

/** `hubspot-associations-server export`: the portal to a file (written whole or not at all). */
export async function runExport(command: ExportCommand, io: BulkIo): Promise<void> {
  const format = formatOf(command.format, command.out);
  // An export reads a store: a mistyped file name is refused, not created empty and exported.
  const { store } = await openStore(command.store, { mustExist: true });
  const started = performance.now();
  const progress = startProgress({
    stream: io.stderr,
    enabled: command.progress,
    verb: 'exporting',
  });
  // A file is written under another name and renamed once complete: a failed export leaves no
  // truncated file that looks like a whole one, and keeps an older file of that name intact.
  const partial = command.out === undefined ? undefined : `${command.out}.${process.pid}.partial`;
  let counts: ItemCounts;
  try {
    counts = await exportPortal(store, {
      portalId: command.portalId,
      format,
      output: partial === undefined ? io.stdout : createWriteStream(partial),
      end: partial !== undefined,
      progress,
    });
    if (partial !== undefined && command.out !== undefined) renameSync(partial, command.out);
  } catch (error) {
    if (partial !== undefined) rmSync(partial, { force: true });
    throw error;
  } finally {
    progress.stop();
    await store.close();
  }
  const items = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const summary = {
    records: counts.record,
    associations: counts.association,
    labels: counts.label,
    limits: counts.limit,
    properties: counts.property + counts.propertyGroup,
  };
  const target = command.out ?? 'stdout';
  io.stderr.write(
    `exported portal ${command.portalId} to ${target} (${format}): ${summaryText(items, summary, started)}\n`,
  );
}

/** `hubspot-associations-server import`: replaces the portal with a file's items, all or nothing. */
export async function runImport(command: ImportCommand, io: BulkIo): Promise<void> {
  const fromStdin = command.file === '-';
  const source = fromStdin ? 'stdin' : command.file;
  const format = formatOf(command.format, fromStdin ? undefined : command.file);
  // A missing file fails here, before the store is opened.
  const size = fromStdin ? 0 : statSync(command.file).size;
  const file = fromStdin ? undefined : createReadStream(command.file);
  const input = file ?? io.stdin;
  const { store } = await openStore(command.store);
  const started = performance.now();
  const progress = startProgress({
    stream: io.stderr,
    enabled: command.progress,
    verb: 'importing',
    bytes: file && { total: size, read: () => file.bytesRead },
  });
  let summary: ImportSummary;
  try {
    summary = await importPortal(store, { portalId: command.portalId, format, input, progress });
  } catch (error) {
    const unchanged = `nothing was imported; portal ${command.portalId} is unchanged`;
    if (error instanceof BadLineError) {
      throw new Error(`${source}, ${error.where}: ${error.problem}; ${unchanged}`);
    }
    throw new Error(`${source}: ${(error as Error).message}; ${unchanged}`);
  } finally {
    progress.stop();
    file?.destroy();
    await store.close();
  }
  io.stderr.write(
    `imported portal ${command.portalId} from ${source} (${format}): ${summaryText(summary.items, summary, started)}\n`,
  );
}
