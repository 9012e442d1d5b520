// The file formats of bulk export and import: NDJSON and CSV, streamed both ways, each item read
// with the line of the file it starts on.
import { extname } from 'node:path';
import { pipeline, Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { ITEM_FIELDS, type PortalStateItem } from '../core/portal-state.js';
import { BadLineError, readPortalItems, type ReadItem } from '../server/portal-items.js';

export { BadLineError, type ReadItem };

export const BULK_FORMATS = ['ndjson', 'csv'] as const;
export type BulkFormat = (typeof BULK_FORMATS)[number];

const FORMAT_OF_EXTENSION: Readonly<Record<string, BulkFormat>> = {
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.csv': 'csv',
};

/** The format asked for, else the one the file's extension names, else NDJSON (stdin, stdout). */
export function formatOf(asked: BulkFormat | undefined, file: string | undefined): BulkFormat {
  if (asked) return asked;
  return FORMAT_OF_EXTENSION[extname(file ?? '').toLowerCase()] ?? 'ndjson';
}

/**
 * The input's items, in order; a malformed line throws a BadLineError. NDJSON input may also be
 * one JSON document (the control API's export), as seeds may: one reader reads both.
 */
export function readItems(format: BulkFormat, input: Readable): AsyncIterable<ReadItem> {
  return format === 'csv' ? csvItems(input) : readPortalItems(input);
}

/** The items as text of the format, in pieces of about this many characters. */
export function writeItems(
  format: BulkFormat,
  items: AsyncIterable<PortalStateItem>,
): AsyncIterable<string> {
  return format === 'csv' ? csvText(items) : ndjsonText(items);
}

/** Text is handed on in pieces of about this size: fewer, larger writes. */
const PIECE = 1 << 16;

// NDJSON: one item per line, exactly as JSON.stringify writes it (read by readPortalItems).

async function* ndjsonText(items: AsyncIterable<PortalStateItem>): AsyncIterable<string> {
  let text = '';
  for await (const item of items) {
    text += `${JSON.stringify(item)}\n`;
    if (text.length >= PIECE) {
      yield text;
      text = '';
    }
  }
  if (text !== '') yield text;
}

// CSV: a header row, then one row per item. The `type` column holds the item's type; every other
// column is a field of some item type, filled on the rows of the types that have it and empty on
// the others. Numbers are written as digits, `archived` as true, `properties` (so record
// properties keep their names, order and values) and a property or group's `definition` as JSON,
// a null `archivedAt` as an empty cell.
// No field of an item is ever an empty string, so an empty cell always means "no such field".

/**
 * Every column: the fields of the item types, each once, in the order of their first use by the
 * portal, records, associations, labels, limits, schemas and property definitions (so files
 * written before schemas and properties keep their column order).
 */
export const CSV_COLUMNS: readonly string[] = [
  ...new Set(
    (
      [
        'portal',
        'record',
        'association',
        'label',
        'limit',
        'schema',
        'propertyGroup',
        'property',
      ] as const
    ).flatMap((type) => ITEM_FIELDS[type]),
  ),
];

/** Columns whose cells are numbers; any other cell of them is kept as text for the validator. */
const NUMBER_COLUMNS: ReadonlySet<string> = new Set([
  'nextRecordId',
  'nextLabelTypeId',
  'nextSchemaId',
  'typeId',
  'inverseTypeId',
  'maxToObjectIds',
]);

const COLUMN_INDEX = new Map<string, number>(CSV_COLUMNS.map((column, index) => [column, index]));

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function csvRow(item: PortalStateItem): string[] {
  const row = new Array<string>(CSV_COLUMNS.length).fill('');
  for (const [key, value] of Object.entries(item)) {
    const index = COLUMN_INDEX.get(key);
    // Every field of every item type has a column; a field without one is a bug here.
    if (index === undefined) throw new Error(`no CSV column for the field "${key}"`);
    row[index] = csvCell(value);
  }
  return row;
}

async function* csvText(items: AsyncIterable<PortalStateItem>): AsyncIterable<string> {
  const stringifier = stringify({ header: true, columns: [...CSV_COLUMNS] });
  stringifier.setEncoding('utf8');
  let text = '';
  const feed = (async () => {
    for await (const item of items) {
      if (!stringifier.write(csvRow(item))) {
        await new Promise((resolve) => stringifier.once('drain', resolve));
      }
    }
    stringifier.end();
  })();
  // The rows come out as the stringifier writes them; a failing source fails the text too.
  feed.catch((error: unknown) => stringifier.destroy(error as Error));
  for await (const chunk of stringifier as AsyncIterable<string>) {
    text += chunk;
    if (text.length >= PIECE) {
      yield text;
      text = '';
    }
  }
  await feed;
  if (text !== '') yield text;
}

/** The value of one cell of a column, as the item's field. */
function csvValue(column: string, cell: string, line: number): unknown {
  if (column === 'properties' || column === 'definition') {
    try {
      return JSON.parse(cell) as unknown;
    } catch (error) {
      throw new BadLineError(line, `${column} is not JSON (${(error as Error).message})`);
    }
  }
  if (NUMBER_COLUMNS.has(column) && /^-?\d+$/.test(cell)) return Number(cell);
  if (column === 'archived' && (cell === 'true' || cell === 'false')) return cell === 'true';
  return cell;
}

/** The columns a header names: known ones, each once, `type` among them. */
function csvHeader(header: readonly string[], line: number): string[] {
  const seen = new Set<string>();
  for (const column of header) {
    if (!COLUMN_INDEX.has(column)) {
      throw new BadLineError(
        line,
        `unknown column "${column}" (the columns are ${CSV_COLUMNS.join(', ')})`,
      );
    }
    if (seen.has(column)) throw new BadLineError(line, `the column "${column}" is given twice`);
    seen.add(column);
  }
  if (!seen.has('type')) throw new BadLineError(line, 'the header has no "type" column');
  return [...header];
}

interface CsvParserError extends Error {
  readonly code?: string;
  readonly lines?: number;
}

/** A row as csv-parse hands it over with `info`. */
interface CsvRecord {
  readonly record: string[];
  readonly info: {
    /** Bytes of the input up to the end of this row, its line break included. */
    readonly bytes: number;
    /** Empty lines skipped so far. */
    readonly empty_lines: number;
  };
}

async function* csvItems(input: Readable): AsyncIterable<ReadItem> {
  // csv-parse counts lines wrongly in files with CRLF line breaks (as spreadsheets write them),
  // so the lines are counted here, from the byte offsets of the line feeds it is handed.
  const lineFeeds = new LineFeeds();
  const parser = pipeline(
    input,
    new Transform({
      transform(chunk: Buffer | string, _encoding, done) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        lineFeeds.scan(bytes);
        done(null, bytes);
      },
    }),
    // Rows of another length than the header's are refused here, in order with the other
    // problems: a parser error would end the stream before the rows it had already parsed.
    parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true }),
    () => undefined, // Failures reach the loop below, through the parser.
  );
  let header: string[] | null = null;
  let end = 0;
  let emptyLines = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
      const line = 1 + lineFeeds.before(end) + info.empty_lines - emptyLines;
      end = info.bytes;
      emptyLines = info.empty_lines;
      if (header === null) {
        header = csvHeader(record, line);
        continue;
      }
      if (record.length !== header.length) {
        throw new BadLineError(
          line,
          `the row has ${record.length} cells, the header ${header.length} columns`,
        );
      }
      const item: Record<string, unknown> = {};
      header.forEach((column, index) => {
        const cell = record[index] ?? '';
        if (column === 'type') item['type'] = cell;
        else if (cell !== '') item[column] = csvValue(column, cell, line);
      });
      yield { item, line };
    }
  } catch (error) {
    const parserError = error as CsvParserError;
    if (parserError.code?.startsWith('CSV_') && parserError.lines !== undefined) {
      throw new BadLineError(parserError.lines, parserError.message);
    }
    throw error;
  }
}

/** The byte offsets of the line feeds read so far, dropped once the rows have passed them. */
class LineFeeds {
  #offsets: number[] = [];
  #first = 0;
  #scanned = 0;
  #passed = 0;

  scan(bytes: Buffer): void {
    for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) {
      this.#offsets.push(this.#scanned + at);
    }
    this.#scanned += bytes.length;
  }

  /** How many line feeds come before the byte offset; offsets must not decrease. */
  before(offset: number): number {
    while (this.#first < this.#offsets.length && (this.#offsets[this.#first] ?? 0) < offset) {
      this.#first += 1;
      this.#passed += 1;
    }
    if (this.#first > 4096) {
      this.#offsets = this.#offsets.slice(this.#first);
      this.#first = 0;
    }
    return this.#passed;
  }
}
