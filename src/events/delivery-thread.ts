// Sends webhook POSTs from a worker thread: expanding a chunk's compact events into the body's
// JSON, hashing the body twice (v1, v3) and the HTTP client's own work are most of delivery's CPU,
// and on the main thread they would compete with the writes that log the events. The main thread
// leases, schedules retries and records; the thread writes, signs and sends (node:http, lighter
// than fetch, and the body is written only once the receiver has taken the connection).
import { Worker } from 'node:worker_threads';
import { RENDER_CHUNK_SOURCE } from '../core/event-chunks.js';
import type { DeliveryTarget, OwedChunk } from '../core/ports.js';
import { v3SignedPrefix } from './signatures.js';

/** One app's POSTs in a pass: each a list of whole chunks. */
export interface AppPosts {
  readonly target: DeliveryTarget;
  readonly posts: readonly (readonly OwedChunk[])[];
}

/** What became of one POST. */
export type PostOutcome =
  /** Cut short by `abort`: the receiver may or may not have it; nothing is recorded. */
  | { readonly aborted: true }
  | {
      readonly aborted: false;
      /** The receiver's status, or null when it did not answer. */
      readonly status: number | null;
      /** Why it failed, in words; null when delivered (a 2xx). */
      readonly error: string | null;
      /** From the request's start (after the thread wrote and signed it) to its end. */
      readonly durationMs: number;
    };

interface PassRequest {
  readonly pass: number;
  readonly timeoutMs: number;
  readonly apps: readonly {
    readonly targetUrl: string;
    readonly clientSecret: string;
    readonly v3Prefix: string;
    readonly maxConcurrentRequests: number;
    readonly posts: readonly (readonly { id: number; attemptNumber: number; events: string }[])[];
  }[];
}

type PassAnswer =
  | { readonly pass: number; readonly outcomes: PostOutcome[][] }
  | { readonly pass: number; readonly error: string };

/**
 * The thread's whole program, as JavaScript text (as the SQLite checkpointer's: a worker given a
 * module file could not load TypeScript under the test runner's loader). The hashes are updated
 * part by part over the same bytes as signatures.ts's v1 (secret, body) and v3 (method and URI,
 * body, timestamp), and the headers are `signatureHeaders`'. Redirects are not followed (a 3xx
 * fails the attempt, as it did with fetch's manual redirects). Each app's POSTs go at most
 * `maxConcurrentRequests` at once; a pass answers once all of its POSTs have ended.
 */
const THREAD_PROGRAM = `
  const { parentPort } = require('node:worker_threads');
  const { createHash, createHmac } = require('node:crypto');
  const http = require('node:http');
  const https = require('node:https');
  ${RENDER_CHUNK_SOURCE}
  const inFlight = new Set();

  function describeFailure(failure, timeoutMs) {
    if (failure instanceof Error && failure.name === 'TimeoutError') {
      return 'no answer within ' + timeoutMs + ' ms';
    }
    const cause = failure instanceof Error && failure.cause instanceof Error ? failure.cause : failure;
    return cause instanceof Error ? cause.message : String(cause);
  }

  // The body is written and signed once the connection is up: a receiver that is not there
  // (refused, unreachable) costs no JSON and no hashing.
  function send(app, chunks, timeoutMs) {
    return new Promise((resolve) => {
      const url = new URL(app.targetUrl);
      const secure = url.protocol === 'https:';
      const stopping = new AbortController();
      inFlight.add(stopping);
      const started = performance.now();
      let ended = false;
      const end = (outcome) => {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        inFlight.delete(stopping);
        resolve(outcome);
      };
      const request = (secure ? https : http).request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        signal: stopping.signal,
      });
      const timer = setTimeout(() => {
        const timeout = new Error('timed out');
        timeout.name = 'TimeoutError';
        request.destroy(timeout);
      }, timeoutMs);
      request.on('error', (failure) => {
        // Stopped mid-POST: the receiver may or may not have it; the lease ends and it goes again.
        if (stopping.signal.aborted) return end({ aborted: true });
        end({
          aborted: false,
          status: null,
          error: describeFailure(failure, timeoutMs),
          durationMs: performance.now() - started,
        });
      });
      request.on('response', (response) => {
        response.resume();
        const status = response.statusCode;
        end({
          aborted: false,
          status,
          error: status >= 200 && status < 300 ? null : 'the receiver answered ' + status,
          durationMs: performance.now() - started,
        });
      });
      const write = () => {
        if (ended) return;
        const parts = [];
        for (const chunk of chunks) renderChunk(chunk.id, chunk.events, chunk.attemptNumber, parts);
        const body = Buffer.from('[' + parts.join(',') + ']', 'utf8');
        // The wall clock, always: receivers refuse a v3 timestamp five minutes off theirs.
        const timestamp = Date.now();
        const v1 = createHash('sha256').update(app.clientSecret, 'utf8').update(body).digest('hex');
        const v3 = createHmac('sha256', app.clientSecret)
          .update(app.v3Prefix, 'utf8')
          .update(body)
          .update(String(timestamp), 'utf8')
          .digest('base64');
        request.setHeader('Content-Length', body.byteLength);
        request.setHeader('X-HubSpot-Signature', v1);
        request.setHeader('X-HubSpot-Signature-Version', 'v1');
        request.setHeader('X-HubSpot-Signature-v3', v3);
        request.setHeader('X-HubSpot-Request-Timestamp', String(timestamp));
        request.end(body);
      };
      request.on('socket', (socket) => {
        if (socket.connecting) socket.once(secure ? 'secureConnect' : 'connect', write);
        else write();
      });
    });
  }

  // Once a POST gets no answer at all (refused, unreachable, timed out), the app's POSTs not yet
  // started in this pass fail with it unsent: a receiver that is down costs one connection a
  // pass, not one per POST, and a pass cannot outlast its lease waiting on one that hangs.
  async function sendAll(app, timeoutMs) {
    const outcomes = new Array(app.posts.length);
    let next = 0;
    let unanswered = null;
    const lanes = Math.max(1, Math.min(app.maxConcurrentRequests, app.posts.length));
    await Promise.all(Array.from({ length: lanes }, async () => {
      for (let index = next++; index < app.posts.length; index = next++) {
        if (unanswered !== null) {
          outcomes[index] = { aborted: false, status: null, error: unanswered, durationMs: 0 };
          continue;
        }
        const outcome = await send(app, app.posts[index], timeoutMs);
        outcomes[index] = outcome;
        if (!outcome.aborted && outcome.status === null && unanswered === null) {
          unanswered = 'not sent: an earlier POST of the same pass got no answer (' + outcome.error + ')';
        }
      }
    }));
    return outcomes;
  }

  parentPort.on('message', (request) => {
    if (request === 'abort') {
      for (const stopping of inFlight) stopping.abort();
      return;
    }
    Promise.all(request.apps.map((app) => sendAll(app, request.timeoutMs))).then(
      (outcomes) => parentPort.postMessage({ pass: request.pass, outcomes }),
      (error) => parentPort.postMessage({ pass: request.pass, error: String(error) }),
    );
  });
`;

/**
 * The thread, started at the first pass and ended by `close`. It keeps the process alive only
 * while a pass is under way.
 */
export class DeliveryThread {
  #worker: Worker | null = null;
  #nextPass = 0;
  readonly #waiting = new Map<
    number,
    { resolve: (outcomes: PostOutcome[][]) => void; reject: (error: Error) => void }
  >();

  /** Sends every app's POSTs; resolves to each app's outcomes, in the order given. */
  send(apps: readonly AppPosts[], timeoutMs: number): Promise<PostOutcome[][]> {
    const worker = this.#started();
    const pass = this.#nextPass++;
    const request: PassRequest = {
      pass,
      timeoutMs,
      apps: apps.map(({ target, posts }) => ({
        targetUrl: target.targetUrl,
        clientSecret: target.clientSecret,
        v3Prefix: v3SignedPrefix({ method: 'POST', uri: target.targetUrl }),
        maxConcurrentRequests: target.maxConcurrentRequests,
        posts: posts.map((chunks) =>
          chunks.map((chunk) => ({
            id: Number(chunk.id),
            attemptNumber: chunk.attemptNumber,
            events: chunk.events,
          })),
        ),
      })),
    };
    return new Promise((resolve, reject) => {
      if (this.#waiting.size === 0) worker.ref();
      this.#waiting.set(pass, { resolve, reject });
      worker.postMessage(request);
    });
  }

  /** Cuts short the POSTs in flight: they end as aborted. */
  abort(): void {
    this.#worker?.postMessage('abort');
  }

  /** Ends the thread; a pass under way fails. */
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
    worker.on('message', (answer: PassAnswer) => {
      const waiting = this.#waiting.get(answer.pass);
      if (!waiting) return;
      this.#waiting.delete(answer.pass);
      if (this.#waiting.size === 0) worker.unref();
      if ('error' in answer) waiting.reject(new Error(answer.error));
      else waiting.resolve(answer.outcomes);
    });
    // A thread that dies fails the pass it was sending; the next pass starts a new one.
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
