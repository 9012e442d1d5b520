// Parses JSON bodies, reporting syntax errors the way HubSpot does (line and column).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors.js';

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
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(reason)?.[1];
    const where = position === undefined ? '' : lineAndColumn(text, Number(position));
    const at = where === '' ? '' : ` on line ${where.line}, column ${where.column}`;
    throw new DomainError('INVALID_JSON', `Invalid input JSON${at}: ${reason}`);
  }
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

/** Replaces Fastify's JSON parser with ours; JSON is the only body type the API takes. */
export function registerJsonParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      if (takesEmptyBody(request, body as string)) {
        done(null, undefined);
        return;
      }
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as DomainError, undefined);
    }
  });
}
