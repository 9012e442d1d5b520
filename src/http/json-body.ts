// Parses JSON bodies, reporting syntax errors the way HubSpot does (line and column).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors.js';
import { unstorable } from '../core/rules/storable-text.js';

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

/** Parses a body; throws INVALID_JSON with HubSpot's wording on failure. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') {
    throw new DomainError(
      'INVALID_JSON',
      'Invalid JSON input: a request body was expected, but none found',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(reason)?.[1];
    const where = position === undefined ? '' : lineAndColumn(text, Number(position));
    const at = where === '' ? '' : ` on line ${where.line}, column ${where.column}`;
    throw new DomainError('INVALID_JSON', `Invalid input JSON${at}: ${reason}`);
  }
  // JSON can carry U+0000 and unpaired surrogates only as escapes: look in the values only when
  // the text has one.
  if (MAY_HOLD_UNSTORABLE.test(text)) {
    const refusal = firstUnstorable(value);
    if (refusal) throw refusal;
  }
  return value;
}

/** `\u0000` or a `\uD800`–`\uDFFF` escape. */
const MAY_HOLD_UNSTORABLE = /\\u(0000|[dD][89a-fA-F])/;

/**
 * Why a parsed JSON value (any string or key in it) cannot be stored, or null. Walks with a list,
 * not recursion: an 8 MiB body can nest deeper than the call stack.
 */
function firstUnstorable(value: unknown): DomainError | null {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      const refusal = unstorable(next);
      if (refusal) return refusal;
    } else if (Array.isArray(next)) {
      pending.push(...(next as unknown[]));
    } else if (next !== null && typeof next === 'object') {
      for (const [key, inner] of Object.entries(next)) {
        const refusal = unstorable(key);
        if (refusal) return refusal;
        pending.push(inner);
      }
    }
  }
  return null;
}

/**
 * Control operations that take no body (resets, deletes) answer an empty body sent with a JSON
 * content type as they answer no body: scripts and HTTP clients often send the header on every
 * request. HubSpot's own operations keep HubSpot's refusal.
 */
function takesEmptyBody(request: FastifyRequest, body: string): boolean {
  const { schema, config } = request.routeOptions;
  return schema?.body === undefined && config.operation?.access === 'control' && body.trim() === '';
}

/** Paths whose operations take form bodies too: OAuth's token endpoint, as HubSpot's does. */
export const FORM_BODY_PATHS = new Set(['/oauth/v1/token', '/oauth/2026-03/token']);

/** Each request's JSON body as it was sent, for the request log (see `sentJsonBody`). */
const sentBodies = new WeakMap<FastifyRequest, string>();

/** The request's JSON body as the client sent it, when it had one that parsed. */
export function sentJsonBody(request: FastifyRequest): string | undefined {
  return sentBodies.get(request);
}

/**
 * Replaces Fastify's JSON parser with ours; JSON is the only body type the API takes, but for
 * the token endpoint's form fields.
 */
export function registerJsonParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      if (takesEmptyBody(request, body as string)) {
        done(null, undefined);
        return;
      }
      const value = parseJsonBody(body as string);
      sentBodies.set(request, body as string);
      done(null, value);
    } catch (error) {
      done(error as DomainError, undefined);
    }
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (request, body, done) => {
      if (!FORM_BODY_PATHS.has(request.routeOptions.url ?? '')) {
        done(
          new DomainError(
            'UNSUPPORTED_MEDIA_TYPE',
            'Unsupported content type: send application/json',
          ),
          undefined,
        );
        return;
      }
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
}
