// The last requests served, with status and timing, for debugging a failing test.
import type { FastifyInstance } from 'fastify';
import type { LoggedRequest } from '../schemas/control-replies.js';

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

/** Records every request but the control API's and the public ones (health polls), once answered. */
export function registerRequestLog(app: FastifyInstance, log: RequestLog, now: () => Date): void {
  app.addHook('onResponse', (request, reply, done) => {
    const access = request.routeOptions.config.operation?.access;
    if (access !== 'control' && access !== 'public') {
      const durationMs = Math.round(reply.elapsedTime * 1000) / 1000;
      log.add({
        time: new Date(now().getTime() - durationMs).toISOString(),
        method: request.method,
        path: redactUrl(request.url),
        status: reply.statusCode,
        durationMs,
        portalId: request.authenticated ? request.portalId : null,
        correlationId: request.correlationId,
      });
    }
    done();
  });
}
