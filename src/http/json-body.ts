// Parses JSON bodies, reporting syntax errors the way HubSpot does (line and column).
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../core/errors.js';
import { nulTextError } from '../core/rules/storable-text.js';

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
  // JSON can carry U+0000 only as an escape; look for it in the values only when one is there.
  if (text.includes('\\u0000') && holdsNul(value)) throw nulTextError();
  return value;
}

/** Whether any string or key in a parsed JSON value holds U+0000. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, inner]) => key.includes('\u0000') || holdsNul(inner));
  }
  return false;
}

/** Replaces Fastify's JSON parser with ours; JSON is the only body type the API takes. */
export function registerJsonParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as DomainError, undefined);
    }
  });
}
