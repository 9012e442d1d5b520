// Requests the framework or Node's HTTP parser refuse before any hook runs, answered in HubSpot's
// envelope with a correlation id like every other refusal.
import { STATUS_CODES, type ServerOptions, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import { DomainError } from '../core/errors.js';
import { nulTextError } from '../core/rules/storable-text.js';
import { authenticationError } from './access/authentication.js';
import { internalError, renderError, statusOf } from './error-envelope.js';
import type { CorrelationIds } from './request-context.js';

/**
 * Longest URL (path and query) answered other than 414. Path parameters may be as long: a long
 * id or type name is refused by the operation as an invalid id or type, as HubSpot refuses it,
 * not by the router.
 */
export const MAX_URL_LENGTH = 16 * 1024;

/**
 * Most bytes of request line and headers Node's parser reads before answering 431: twice the
 * longest URL, so a URL over its limit reaches the 414 check rather than the 431.
 */
export const MAX_HEADER_BYTES = 2 * MAX_URL_LENGTH;

/** How long a refusal waits for the answer to an earlier request on its connection. */
const PENDING_ANSWER_WAIT_MS = 1000;

/** A URL quoted in a message: enough to recognise, never the whole of a huge one. */
function quoted(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}

/** The refusal for an error Fastify raises while routing (before hooks run). */
function routingRefusal(error: FastifyError, url: string): DomainError | null {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new DomainError(
        'MALFORMED_REQUEST',
        `Invalid input: the URL is not validly percent-encoded: ${quoted(url)}`,
      );
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return uriTooLong();
  }
  return null;
}

function uriTooLong(): DomainError {
  return new DomainError(
    'URI_TOO_LONG',
    `Request URI is too long: the server accepts up to ${MAX_URL_LENGTH} characters`,
  );
}

/** The refusal for a request Node's HTTP parser could not read. */
function parserRefusal(error: NodeJS.ErrnoException): DomainError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new DomainError(
        'HEADERS_TOO_LARGE',
        `Request header fields are too large: the server accepts up to ${MAX_HEADER_BYTES} bytes of request line and headers`,
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new DomainError('REQUEST_TIMEOUT', 'The request did not arrive in time');
  }
  return new DomainError('MALFORMED_REQUEST', 'Invalid input: the request is not valid HTTP');
}

/** The answer under way on a connection, if any. */
function pendingResponse(socket: Socket): ServerResponse | null {
  return (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage ?? null;
}

/**
 * Writes a refusal on a socket the parser gave up on, and ends the connection. An answer
 * already half written cannot be followed by another: then the connection just ends.
 */
function writeRefusal(
  socket: Socket,
  pending: ServerResponse | null,
  refusal: DomainError,
  correlationId: string,
): void {
  if (socket.destroyed) return;
  if (!socket.writable || (pending && pending.headersSent && !pending.writableFinished)) {
    socket.destroy();
    return;
  }
  const status = statusOf(refusal.code);
  const body = JSON.stringify(renderError(refusal, correlationId));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-HubSpot-Correlation-Id: ${correlationId}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

/**
 * A connection silent for the request timeout ends; one in the middle of sending a request (its
 * headers read, its body not) is answered 408 in the envelope first. Node would only destroy it.
 */
export function answerTimeouts(app: FastifyInstance, refusals: FrameworkRefusals): void {
  app.server.on('timeout', (socket: Socket) => {
    const pending = pendingResponse(socket);
    if (pending && !pending.req.complete && !pending.headersSent) {
      const refusal = new DomainError('REQUEST_TIMEOUT', 'The request did not arrive in time');
      writeRefusal(socket, pending, refusal, refusals.correlationIds());
      return;
    }
    socket.destroy();
  });
}

/** What the framework refusals need from the rest of the app. */
export interface FrameworkRefusals {
  readonly correlationIds: CorrelationIds;
  /**
   * Whether the request's credentials would be let in (always, in open mode). Set once
   * authentication is registered; until then every request is let in.
   */
  admits: (request: FastifyRequest) => Promise<boolean>;
}

export function frameworkRefusals(correlationIds: CorrelationIds): FrameworkRefusals {
  return { correlationIds, admits: () => Promise.resolve(true) };
}

/**
 * Fastify options that route its own refusals through the envelope: bad percent-encoding and
 * over-long parameters (`frameworkErrors`), and what Node's parser refuses (`clientErrorHandler`,
 * which has only the socket: the request's headers were never read, so it cannot decide
 * authentication).
 */
export function frameworkRefusalOptions(refusals: FrameworkRefusals): {
  frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']>;
  clientErrorHandler: (error: Error, socket: Socket) => void;
  routerOptions: { maxParamLength: number };
  http: ServerOptions;
} {
  const refuse = async (error: FastifyError, request: FastifyRequest): Promise<DomainError> => {
    // Authentication is decided first, as for every other request (strict mode).
    if (!(await refusals.admits(request))) return authenticationError();
    const refusal = routingRefusal(error, request.raw.url ?? '');
    if (!refusal) request.log.error({ err: error }, 'unexpected framework error');
    return refusal ?? internalError();
  };
  const frameworkErrors = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // Hooks have not run: the request has no correlation id yet.
    request.correlationId = refusals.correlationIds();
    void reply.header('x-hubspot-correlation-id', request.correlationId);
    const answer = (refusal: DomainError) =>
      reply.code(statusOf(refusal.code)).send(renderError(refusal, request.correlationId));
    void refuse(error, request).then(answer, (failure: unknown) => {
      request.log.error({ err: failure }, 'framework refusal failed');
      return answer(internalError());
    });
  };
  const clientErrorHandler = (error: Error, socket: Socket): void => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
      socket.destroy();
      return;
    }
    const refusal = parserRefusal(error);
    const pending = pendingResponse(socket);
    let answered = false;
    const answer = () => {
      if (answered) return;
      answered = true;
      writeRefusal(socket, pending, refusal, refusals.correlationIds());
    };
    // A request read whole before the bad bytes (pipelining) is answered first, if it is answered
    // soon; a request whose own bytes went bad (or timed out) is answered by the refusal now.
    if (pending && !pending.writableFinished && pending.req.complete) {
      const fallback = setTimeout(answer, PENDING_ANSWER_WAIT_MS);
      pending.once('finish', () => {
        clearTimeout(fallback);
        answer();
      });
    } else {
      answer();
    }
  };
  return {
    frameworkErrors: frameworkErrors,
    clientErrorHandler,
    routerOptions: { maxParamLength: MAX_URL_LENGTH },
    http: { maxHeaderSize: MAX_HEADER_BYTES },
  };
}

/**
 * Answers 414 to a URL longer than MAX_URL_LENGTH and 400 to one carrying U+0000; registered
 * after authentication, so a request without valid credentials is answered 401 first.
 */
export function registerUrlChecks(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const refusal =
      request.url.length > MAX_URL_LENGTH
        ? uriTooLong()
        : request.url.includes('%00') // decodes to U+0000, which no engine stores
          ? nulTextError()
          : null;
    if (!refusal) {
      done();
      return;
    }
    void reply.code(statusOf(refusal.code)).send(renderError(refusal, request.correlationId));
  });
}
