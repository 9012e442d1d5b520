// Reads a portal's state from a file or stream, as one JSON document (the control API's export)
// or as NDJSON items (the export command's), whichever it holds: seeds and `import` share it.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { itemsOfDocument } from '../core/portal-state.js';

/** A part of the input that cannot be an item: what is wrong, and where (line, or JSON path). */
export class BadLineError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
    /** The JSON path of the item, for items of a document (all of which start on its line 1). */
    readonly path?: string,
  ) {
    super(`${path ?? `line ${line}`}: ${problem}`);
  }

  /** `line 5`, or `$.records[2]` for an item of a document. */
  get where(): string {
    return this.path ?? `line ${this.line}`;
  }
}

/** One item of the input, not yet validated, with where it starts. */
export interface ReadItem {
  readonly item: unknown;
  /** The line it starts on, from 1. */
  readonly line: number;
  /** For an item of a document: its JSON path, e.g. `$.records[2]`. */
  readonly path?: string;
}

const BLANK = /^\s*$/;
/** A byte order mark is what some editors put before the first line; it is not JSON. */
const BOM = '\uFEFF';

/**
 * The input's items, in order; a malformed line or document throws a BadLineError. The input is
 * NDJSON when its first non-blank line is a JSON object with a `type` (an item), streamed line by
 * line; otherwise it is one JSON document, read whole, whose items come out portal first, then
 * labels, limits, records and associations.
 */
export async function* readPortalItems(input: Readable): AsyncIterable<ReadItem> {
  const reader = new TextReader(input);
  // Enough text to see the first non-blank line whole.
  let first = firstNonBlankLine(reader.text);
  while (!(first?.complete ?? false) && (await reader.more())) {
    first = firstNonBlankLine(reader.text);
  }
  if (first === null || looksLikeItem(first.text)) {
    yield* ndjsonItems(reader);
    return;
  }
  while (await reader.more());
  yield* documentItems(reader.text);
}

/** The input as text, read chunk by chunk on demand; a character split between chunks is kept whole. */
class TextReader {
  readonly #decoder = new StringDecoder('utf8');
  readonly #chunks: AsyncIterator<Buffer | string>;
  #ended = false;
  /** What has been read and not yet taken. */
  text = '';

  constructor(input: Readable) {
    this.#chunks = (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  }

  /** Reads one more chunk onto `text`; false once the input has ended. */
  async more(): Promise<boolean> {
    if (this.#ended) return false;
    const next = await this.#chunks.next();
    if (next.done === true) {
      this.text += this.#decoder.end();
      this.#ended = true;
      return false;
    }
    this.text += typeof next.value === 'string' ? next.value : this.#decoder.write(next.value);
    return true;
  }
}

/** The first line holding more than white space, and whether its line feed has been read. */
function firstNonBlankLine(text: string): { text: string; complete: boolean } | null {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? undefined : end);
    if (!BLANK.test(line)) return { text: line, complete: end !== -1 };
    if (end === -1) return null;
    start = end + 1;
  }
}

/** Whether a line is an NDJSON item: a JSON object with a `type`. */
function looksLikeItem(line: string): boolean {
  try {
    const value = JSON.parse(line.startsWith(BOM) ? line.slice(1) : line) as unknown;
    return typeof value === 'object' && value !== null && 'type' in value;
  } catch {
    // Not JSON on its own: the start of a document spread over lines (or a broken one, which
    // the document reader reports with its line).
    return false;
  }
}

// NDJSON: one item per line, exactly as JSON.stringify writes it. Lines holding only white space
// are skipped (an editor's trailing newline, a blank line between pasted exports).

async function* ndjsonItems(reader: TextReader): AsyncIterable<ReadItem> {
  let line = 0;
  do {
    const { text } = reader;
    let from = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', from)) {
      line += 1;
      const read = ndjsonLine(text.slice(from, end), line);
      if (read) yield read;
      from = end + 1;
    }
    reader.text = text.slice(from);
  } while (await reader.more());
  const last = ndjsonLine(reader.text, line + 1);
  if (last) yield last;
}

function ndjsonLine(text: string, line: number): ReadItem | null {
  if (BLANK.test(text)) return null;
  const json = line === 1 && text.startsWith(BOM) ? text.slice(1) : text;
  try {
    return { item: JSON.parse(json) as unknown, line };
  } catch (error) {
    throw new BadLineError(line, `not JSON (${(error as Error).message})`);
  }
}

// A document: `{format, portal, labels, limits, records, associations}`, as
// `GET /_emulator/portals/{portalId}/export` answers it.

function* documentItems(text: string): Iterable<ReadItem> {
  let document: unknown;
  const json = text.startsWith(BOM) ? text.slice(1) : text;
  try {
    document = JSON.parse(json) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position === undefined ? 1 : json.slice(0, Number(position)).split('\n').length;
    throw new BadLineError(line, `not JSON (${message})`);
  }
  let items: { item: unknown; path: string }[];
  try {
    items = itemsOfDocument(document);
  } catch (error) {
    throw new BadLineError(1, (error as Error).message);
  }
  for (const { item, path } of items) yield { item, line: 1, path };
}

/**
 * Where the last items handed to an import came from, by position from 1. The import checks each
 * item as it takes it, so the item an INVALID_INPUT names is always among the last few.
 */
export class RecentItems {
  static readonly #KEPT = 64;
  readonly #items: ReadItem[] = [];
  count = 0;

  add(read: ReadItem): void {
    this.#items[this.count % RecentItems.#KEPT] = read;
    this.count += 1;
  }

  at(position: number): ReadItem | undefined {
    if (position < 1 || position > this.count || this.count - position >= RecentItems.#KEPT) {
      return undefined;
    }
    return this.#items[(position - 1) % RecentItems.#KEPT];
  }
}
