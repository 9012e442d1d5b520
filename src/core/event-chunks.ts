// The webhook event log's chunks as both engines store them: a write's events for one app, up to
// 100 to a chunk, as one compact JSON text, and the events expanded from it when delivered or
// listed. Event ids are the chunk's id (its first event's) plus the event's position.
import type { RecordId } from './model.js';
import type { LoggedWebhookEvent } from './ports.js';

/** Events per chunk: one chunk fits in one POST (HubSpot sends up to 100 events at once). */
export const EVENTS_PER_CHUNK = 100;

/** A chunk as the store writes it. */
export interface EncodedChunk {
  readonly appId: number;
  readonly count: number;
  /** The events: see `ChunkText`. */
  readonly text: string;
}

/**
 * The stored form, by column. Each head and each key list is stored once. An event's fields are
 * `[subscriptionId, objectTypeId, objectId, headIndex, keysIndex, ...values]`; column `j` holds
 * field `j` of every event: `{ "v": value }` when all `n` events share it (most do: one write's
 * events for one subscription differ in little but their records' ids), else `{ "a": [...] }`
 * with one value per event. An event's payload is `eventId`, then its head's fields, then its
 * keys paired with its values.
 */
interface ChunkText {
  readonly heads: Readonly<Record<string, unknown>>[];
  readonly keys: (readonly string[])[];
  readonly n: number;
  readonly columns: Column[];
}

type Column = { readonly v: unknown } | { readonly a: readonly unknown[] };

/** Fields before an event's values. */
const LEADING_FIELDS = 5;

/** Index of `item` in `list` (by identity), added when missing. */
function indexIn<T>(indexes: Map<T, number>, list: T[], item: T): number {
  let index = indexes.get(item);
  if (index === undefined) {
    index = list.length;
    indexes.set(item, index);
    list.push(item);
  }
  return index;
}

/** The column as stored: its one value when every event has it, else every event's. */
function columnOf(values: unknown[]): Column {
  const first = values[0];
  for (let index = 1; index < values.length; index++) {
    if (values[index] !== first) return { a: values };
  }
  return { v: first ?? null };
}

function encode(events: readonly LoggedWebhookEvent[]): string {
  const heads: Readonly<Record<string, unknown>>[] = [];
  const keys: (readonly string[])[] = [];
  const headIndexes = new Map<Readonly<Record<string, unknown>>, number>();
  const keyIndexes = new Map<readonly string[], number>();
  const n = events.length;
  let width = LEADING_FIELDS;
  for (const event of events) width = Math.max(width, LEADING_FIELDS + event.values.length);
  const fields = Array.from({ length: width }, () => new Array<unknown>(n).fill(null));
  const [subscriptions, types, ids, headColumn, keyColumn] = fields as [
    unknown[],
    unknown[],
    unknown[],
    unknown[],
    unknown[],
  ];
  // Consecutive events mostly share their head and keys: look them up only when they change.
  let lastHead: Readonly<Record<string, unknown>> | null = null;
  let lastKeys: readonly string[] | null = null;
  let headIndex = 0;
  let keysIndex = 0;
  events.forEach((event, row) => {
    subscriptions[row] = event.subscriptionId;
    types[row] = event.objectTypeId;
    ids[row] = event.objectId;
    if (event.head !== lastHead) {
      lastHead = event.head;
      headIndex = indexIn(headIndexes, heads, event.head);
    }
    if (event.keys !== lastKeys) {
      lastKeys = event.keys;
      keysIndex = indexIn(keyIndexes, keys, event.keys);
    }
    headColumn[row] = headIndex;
    keyColumn[row] = keysIndex;
    const values = event.values;
    for (let index = 0; index < values.length; index++) {
      const column = fields[LEADING_FIELDS + index];
      if (column) column[row] = values[index];
    }
  });
  const chunk: ChunkText = { heads, keys, n, columns: fields.map(columnOf) };
  return JSON.stringify(chunk);
}

/** A write's events as chunks: by app (in the order the apps first appear), at most 100 each. */
export function encodeChunks(events: readonly LoggedWebhookEvent[]): EncodedChunk[] {
  const byApp = new Map<number, LoggedWebhookEvent[]>();
  for (const event of events) {
    const list = byApp.get(event.appId);
    if (list) list.push(event);
    else byApp.set(event.appId, [event]);
  }
  const chunks: EncodedChunk[] = [];
  for (const [appId, list] of byApp) {
    for (let start = 0; start < list.length; start += EVENTS_PER_CHUNK) {
      const part = list.slice(start, start + EVENTS_PER_CHUNK);
      chunks.push({ appId, count: part.length, text: encode(part) });
    }
  }
  return chunks;
}

/** One event of a chunk, as the listing shows it. */
export interface ChunkEvent {
  readonly eventId: number;
  readonly subscriptionId: number;
  readonly objectTypeId: string;
  readonly objectId: RecordId;
  /** With `eventId`, first. */
  readonly payload: Readonly<Record<string, unknown>>;
}

function parse(text: string): ChunkText {
  return JSON.parse(text) as ChunkText;
}

/** Field `j` of event `row`. */
function fieldOf(chunk: ChunkText, j: number, row: number): unknown {
  const column = chunk.columns[j];
  if (!column) return null;
  return 'a' in column ? column.a[row] : column.v;
}

/** The chunk's events, oldest first. */
export function chunkEvents(chunkId: number, text: string): ChunkEvent[] {
  const chunk = parse(text);
  return Array.from({ length: chunk.n }, (_, row) => {
    const eventId = chunkId + row;
    const head = chunk.heads[fieldOf(chunk, 3, row) as number];
    const payload: Record<string, unknown> = { eventId, ...head };
    chunk.keys[fieldOf(chunk, 4, row) as number]?.forEach((key, index) => {
      payload[key] = fieldOf(chunk, LEADING_FIELDS + index, row);
    });
    return {
      eventId,
      subscriptionId: fieldOf(chunk, 0, row) as number,
      objectTypeId: fieldOf(chunk, 1, row) as string,
      objectId: fieldOf(chunk, 2, row) as RecordId,
      payload,
    };
  });
}

/**
 * JavaScript text of `renderChunk(chunkId, text, attemptNumber, out)`, which pushes onto `out`
 * each event's payload as JSON text, as the receiver gets it (`eventId` first, `attemptNumber`
 * last), written as text straight from the stored form (no object per event). It is text so that
 * the delivery thread can run it (see events/delivery-thread.ts).
 */
export const RENDER_CHUNK_SOURCE = `
  function renderChunk(chunkId, text, attemptNumber, out) {
    const chunk = JSON.parse(text);
    // Each head's fields without its braces, with the comma that joins it to eventId.
    const heads = chunk.heads.map((head) => {
      const fields = JSON.stringify(head).slice(1, -1);
      return fields === '' ? '' : ',' + fields;
    });
    const keys = chunk.keys.map((list) => list.map((key) => ',' + JSON.stringify(key) + ':'));
    // A shared value's JSON is written once; a column of many is written per event.
    const columns = chunk.columns.map((column) =>
      'a' in column ? { many: column.a } : { json: JSON.stringify(column.v), one: column.v },
    );
    const field = (j, row) => {
      const column = columns[j];
      return column === undefined ? null : column.many ? column.many[row] : column.one;
    };
    const json = (j, row) => {
      const column = columns[j];
      if (column === undefined) return 'null';
      if (!column.many) return column.json;
      const value = column.many[row];
      return JSON.stringify(value === undefined ? null : value);
    };
    const tail = ',"attemptNumber":' + attemptNumber + '}';
    for (let row = 0; row < chunk.n; row++) {
      let line = '{"eventId":' + (chunkId + row) + heads[field(3, row)];
      const names = keys[field(4, row)] || [];
      for (let index = 0; index < names.length; index++) line += names[index] + json(5 + index, row);
      out.push(line + tail);
    }
  }
`;
