// The last requests served, with status, timing and bodies, for debugging a failing test.
import { isAscii } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { sentJsonBody } from '../json-body.js';
import { LOGGED_BODY_CHARS, type LoggedRequest } from '../schemas/control-replies.js';

/** How many requests the log keeps. */
export const REQUEST_LOG_SIZE = 200;

/** Query parameters whose values are secrets: never kept. */
const SECRET_PARAMS =
  /^(hapikey|apikey|api_key|access_token|token|code|client_secret|refresh_token)$/i;

export type { LoggedRequest };

/** `url` with the values of secret query parameters replaced. */
export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  if (query === undefined) return path;
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) {
    if (SECRET_PARAMS.test(key)) params.set(key, 'REDACTED');
  }
  return `${path}?${params.toString()}`;
}

/** A ring of the last `size` requests. */
export class RequestLog {
  readonly #entries: LoggedRequest[] = [];

  constructor(private readonly size = REQUEST_LOG_SIZE) {}

  add(entry: LoggedRequest): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.size) this.#entries.shift();
  }

  /** The last `limit` requests, newest first. */
  recent(limit = this.size): LoggedRequest[] {
    return this.#entries.slice(-limit).reverse();
  }

  clear(): void {
    this.#entries.length = 0;
  }
}

/**
 * A body as the log keeps it: text, cut past `LOGGED_BODY_CHARS` with a note of its length. The
 * part kept is copied: a slice of a string keeps the whole string alive, and the log's 200
 * entries of 2,000-input batch creates held 48 MB of bodies where they meant to keep 2.
 */
export function loggedBody(text: string): string {
  if (text.length <= LOGGED_BODY_CHARS) return text;
  const kept = Buffer.from(text.slice(0, LOGGED_BODY_CHARS), 'utf16le').toString('utf16le');
  return `${kept}… (${text.length} characters in all)`;
}

/**
 * The answer's body as the log keeps it; a streamed answer (an export) is not read twice. An
 * ASCII buffer's bytes are its characters, so only the part kept is decoded: decoding a batch
 * read's whole 1.5 MB answer to keep its first 10,000 characters cost about 3.5 ms of the main
 * thread per request.
 */
function loggedPayload(payload: unknown): string | undefined {
  if (typeof payload === 'string') return loggedBody(payload);
  if (!Buffer.isBuffer(payload)) return undefined;
  if (payload.length <= LOGGED_BODY_CHARS || !isAscii(payload)) {
    return loggedBody(payload.toString('utf8'));
  }
  return `${payload.toString('latin1', 0, LOGGED_BODY_CHARS)}… (${payload.length} characters in all)`;
}

/**
 * Records every request but the control API's and the public ones (health polls), once answered,
 * with its bodies. Token introspection's bodies are not kept: they hold a token.
 */
export function registerRequestLog(app: FastifyInstance, log: RequestLog, now: () => Date): void {
  const sent = new WeakMap<object, string>();
  const logged = (access: string | undefined) => access !== 'control' && access !== 'public';
  app.addHook('onSend', (request, _reply, payload, done) => {
    const access = request.routeOptions.config.operation?.access;
    if (logged(access) && access !== 'token') {
      const text = loggedPayload(payload);
      if (text !== undefined && text !== '') sent.set(request, text);
    }
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const access = request.routeOptions.config.operation?.access;
    if (logged(access)) {
      const durationMs = Math.round(reply.elapsedTime * 1000) / 1000;
      const responseBody = sent.get(request);
      // The body as sent: serialising a 2,000-input body again cost about 1.4 ms a request.
      const requestBody =
        request.body === undefined || access === 'token'
          ? undefined
          : loggedBody(sentJsonBody(request) ?? JSON.stringify(request.body));
      log.add({
        time: new Date(now().getTime() - durationMs).toISOString(),
        method: request.method,
        path: redactUrl(request.url),
        status: reply.statusCode,
        durationMs,
        portalId: request.authenticated ? request.portalId : null,
        correlationId: request.correlationId,
        ...(requestBody !== undefined ? { requestBody } : {}),
        ...(responseBody !== undefined ? { responseBody } : {}),
      });
    }
    done();
  });
}
