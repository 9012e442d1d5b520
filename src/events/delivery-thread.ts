// Writes and signs webhook POST bodies on a worker thread: expanding a chunk's compact events into
// JSON and hashing the body twice (v1, v3) are most of delivery's CPU, and on the main thread they
// would compete with the writes that log the events.
import { Worker } from 'node:worker_threads';
import { RENDER_CHUNK_SOURCE } from '../core/event-chunks.js';
import type { OwedChunk } from '../core/ports.js';

/** What the thread is asked: the chunks of one POST, and what to sign them with. */
interface RenderJob {
  readonly job: number;
  readonly chunks: readonly { id: number; attemptNumber: number; events: string }[];
  readonly clientSecret: string;
  /** `v3SignedPrefix` of the request. */
  readonly v3Prefix: string;
  readonly timestamp: number;
}

/** What it answers: the body as UTF-8 bytes (transferred, not copied) and its signatures. */
type RenderAnswer =
  | { readonly job: number; readonly body: ArrayBuffer; readonly v1: string; readonly v3: string }
  | { readonly job: number; readonly error: string };

/**
 * The thread's whole program, as JavaScript text (as the SQLite checkpointer's: a worker given a
 * module file could not load TypeScript under the test runner's loader). The hashes are updated
 * part by part over the same bytes as signatures.ts's v1 (secret, body) and v3 (method and URI,
 * body, timestamp).
 */
const THREAD_PROGRAM = `
  const { parentPort } = require('node:worker_threads');
  const { createHash, createHmac } = require('node:crypto');
  ${RENDER_CHUNK_SOURCE}
  parentPort.on('message', (request) => {
    try {
      const parts = [];
      for (const chunk of request.chunks) {
        renderChunk(chunk.id, chunk.events, chunk.attemptNumber, parts);
      }
      const bytes = Buffer.from('[' + parts.join(',') + ']', 'utf8');
      const v1 = createHash('sha256').update(request.clientSecret, 'utf8').update(bytes).digest('hex');
      const v3 = createHmac('sha256', request.clientSecret)
        .update(request.v3Prefix, 'utf8')
        .update(bytes)
        .update(String(request.timestamp), 'utf8')
        .digest('base64');
      // A small Buffer shares Node's pool: copy it out rather than transfer the pool.
      const body = bytes.byteLength === bytes.buffer.byteLength
        ? bytes.buffer
        : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      parentPort.postMessage({ job: request.job, body, v1, v3 }, [body]);
    } catch (error) {
      parentPort.postMessage({ job: request.job, error: String(error) });
    }
  });
`;

/** A signed body, ready to send. */
export interface RenderedBody {
  readonly body: Uint8Array;
  readonly v1: string;
  readonly v3: string;
}

/**
 * The thread, started at the first body and ended by `close`. It keeps the process alive only
 * while a body is being written.
 */
export class DeliveryThread {
  #worker: Worker | null = null;
  #nextJob = 0;
  readonly #waiting = new Map<
    number,
    { resolve: (body: RenderedBody) => void; reject: (error: Error) => void }
  >();

  render(
    chunks: readonly OwedChunk[],
    clientSecret: string,
    v3Prefix: string,
    timestamp: number,
  ): Promise<RenderedBody> {
    const worker = this.#started();
    const job = this.#nextJob++;
    const request: RenderJob = {
      job,
      chunks: chunks.map((chunk) => ({
        id: Number(chunk.id),
        attemptNumber: chunk.attemptNumber,
        events: chunk.events,
      })),
      clientSecret,
      v3Prefix,
      timestamp,
    };
    return new Promise((resolve, reject) => {
      if (this.#waiting.size === 0) worker.ref();
      this.#waiting.set(job, { resolve, reject });
      worker.postMessage(request);
    });
  }

  /** Ends the thread; a body being written fails. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
    this.#fail(new Error('the delivery thread was closed'));
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(THREAD_PROGRAM, { eval: true });
    worker.unref();
    worker.on('message', (answer: RenderAnswer) => {
      const waiting = this.#waiting.get(answer.job);
      if (!waiting) return;
      this.#waiting.delete(answer.job);
      if (this.#waiting.size === 0) worker.unref();
      if ('error' in answer) waiting.reject(new Error(answer.error));
      else waiting.resolve({ body: new Uint8Array(answer.body), v1: answer.v1, v3: answer.v3 });
    });
    // A thread that dies fails what it was writing; the next body starts a new one.
    worker.on('error', (error) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      this.#fail(error);
    });
    worker.on('exit', () => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      this.#fail(new Error('the delivery thread exited'));
    });
    this.#worker = worker;
    return worker;
  }

  #fail(error: Error): void {
    for (const waiting of this.#waiting.values()) waiting.reject(error);
    this.#waiting.clear();
  }
}
