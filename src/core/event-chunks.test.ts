import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunkEvents, encodeChunks, RENDER_CHUNK_SOURCE } from './event-chunks.js';
import type { LoggedWebhookEvent } from './ports.js';

type Render = (chunkId: number, text: string, attemptNumber: number, out: string[]) => void;
// The delivery thread's renderer, run here as the thread runs it.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const renderChunk = new Function(`${RENDER_CHUNK_SOURCE}; return renderChunk;`)() as Render;

const HEAD = { subscriptionId: 3, portalId: 9, appId: 1, occurredAt: 5, subscriptionType: 'x' };
const PROPERTY = ['objectId', 'propertyName', 'propertyValue'];
const MERGE = ['objectId', 'mergedObjectIds'];

function events(): LoggedWebhookEvent[] {
  const base = { appId: 1, subscriptionId: 3, objectTypeId: '0-1', head: HEAD };
  return [
    { ...base, objectId: 10, keys: PROPERTY, values: [10, 'email', 'a@b.c'] },
    { ...base, objectId: 11, keys: PROPERTY, values: [11, 'email', 'x "quoted" \\ é'] },
    { ...base, objectId: 12, keys: MERGE, values: [12, [1, 2]] },
    { ...base, objectId: 13, head: {}, keys: [], values: [] },
    { ...base, appId: 2, objectId: 14, keys: PROPERTY, values: [14, 'n', null] },
  ];
}

test('chunks keep every event, by app, and expand to the payloads they were given', () => {
  const chunks = encodeChunks(events());
  assert.deepEqual(
    chunks.map((chunk) => [chunk.appId, chunk.count]),
    [
      [1, 4],
      [2, 1],
    ],
  );
  const expanded = chunkEvents(100, chunks[0]!.text);
  assert.deepEqual(
    expanded.map((one) => [one.eventId, one.subscriptionId, one.objectTypeId, one.objectId]),
    [
      [100, 3, '0-1', 10],
      [101, 3, '0-1', 11],
      [102, 3, '0-1', 12],
      [103, 3, '0-1', 13],
    ],
  );
  assert.deepEqual(expanded[1]!.payload, {
    eventId: 101,
    ...HEAD,
    objectId: 11,
    propertyName: 'email',
    propertyValue: 'x "quoted" \\ é',
  });
  assert.deepEqual(expanded[2]!.payload, {
    eventId: 102,
    ...HEAD,
    objectId: 12,
    mergedObjectIds: [1, 2],
  });
  assert.deepEqual(expanded[3]!.payload, { eventId: 103 });
  assert.deepEqual(chunkEvents(7, chunks[1]!.text)[0]!.payload, {
    eventId: 7,
    ...HEAD,
    objectId: 14,
    propertyName: 'n',
    propertyValue: null,
  });
});

test("the delivery thread's renderer writes the same payloads, in the same key order, with the attempt number", () => {
  const [chunk] = encodeChunks(events());
  const out: string[] = [];
  renderChunk(100, chunk!.text, 2, out);
  const listed = chunkEvents(100, chunk!.text);
  assert.deepEqual(
    out,
    listed.map((one) => JSON.stringify({ ...one.payload, attemptNumber: 2 })),
  );
});

test('a chunk of 100 events all differing in one field stores the shared fields once', () => {
  const many = Array.from({ length: 100 }, (_, index) => ({
    ...events()[0]!,
    objectId: index,
    values: [index, 'email', 'same'],
  }));
  const [chunk] = encodeChunks(many);
  assert.equal(chunk!.text.split('"same"').length - 1, 1);
  assert.equal(chunkEvents(0, chunk!.text)[99]!.payload['objectId'], 99);
});
