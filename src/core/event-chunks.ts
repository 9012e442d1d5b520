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
 * The stored form. Each head and each key list is stored once; an event is
 * `[subscriptionId, objectTypeId, objectId, headIndex, keysIndex, ...values]`, and its payload
 * is `eventId`, then the head's fields, then the keys paired with the values.
 */
interface ChunkText {
  readonly heads: Readonly<Record<string, unknown>>[];
  readonly keys: (readonly string[])[];
  readonly events: unknown[][];
}

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

function encode(events: readonly LoggedWebhookEvent[]): string {
  const chunk: ChunkText = { heads: [], keys: [], events: [] };
  const heads = new Map<Readonly<Record<string, unknown>>, number>();
  const keys = new Map<readonly string[], number>();
  for (const event of events) {
    chunk.events.push([
      event.subscriptionId,
      event.objectTypeId,
      event.objectId,
      indexIn(heads, chunk.heads, event.head),
      indexIn(keys, chunk.keys, event.keys),
      ...event.values,
    ]);
  }
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

/** The chunk's events, oldest first. */
export function chunkEvents(chunkId: number, text: string): ChunkEvent[] {
  const chunk = parse(text);
  return chunk.events.map((entry, position) => {
    const [subscriptionId, objectTypeId, objectId, head, keys, ...values] = entry as [
      number,
      string,
      RecordId,
      number,
      number,
      ...unknown[],
    ];
    const eventId = chunkId + position;
    const payload: Record<string, unknown> = { eventId, ...chunk.heads[head] };
    chunk.keys[keys]?.forEach((key, index) => {
      payload[key] = values[index];
    });
    return { eventId, subscriptionId, objectTypeId, objectId, payload };
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
    const tail = ',"attemptNumber":' + attemptNumber + '}';
    for (let position = 0; position < chunk.events.length; position++) {
      const entry = chunk.events[position];
      let json = '{"eventId":' + (chunkId + position) + heads[entry[3]];
      const names = keys[entry[4]] || [];
      for (let index = 0; index < names.length; index++) {
        const value = entry[5 + index];
        json += names[index] + JSON.stringify(value === undefined ? null : value);
      }
      out.push(json + tail);
    }
  }
`;
