// Body scalars are taken as HubSpot's JSON reader takes them: a number may come as a numeric
// string, but a boolean or null where a number belongs is refused, not read as 1 or 0.
import { createRequire } from 'node:module';
import type { TSchema } from '@sinclair/typebox';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { validationError } from './validation-errors.js';

/**
 * Checks only the JSON type of each value, without coercing: the operation's own (coercing)
 * validation runs after it and reports everything else. Ajv (the validator Fastify itself uses)
 * has one `coerceTypes` per instance, and query strings and paths must still coerce from text.
 */
const require = createRequire(import.meta.url);
let ajv: Ajv | undefined;
/** Ajv is loaded at the first compile: it is a good part of the package's import time. */
function nonCoercingAjv(): Ajv {
  const { Ajv: AjvClass } = require('ajv') as { Ajv: typeof Ajv };
  return (ajv ??= new AjvClass({ coerceTypes: false, strict: false, allErrors: false }));
}

/** The JSON types a value of a schema type may arrive as, the schema type first. */
function acceptedTypes(type: unknown): unknown {
  const types = (Array.isArray(type) ? type : [type]) as string[];
  const accepted = new Set(types);
  if (types.includes('integer') || types.includes('number')) accepted.add('string');
  if (types.includes('string')) {
    for (const other of ['number', 'boolean', 'null']) accepted.add(other);
  }
  if (types.includes('boolean')) {
    for (const other of ['string', 'number', 'null']) accepted.add(other);
  }
  return [...accepted];
}

function mapValues(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, jsonTypesOnly(inner)]),
  );
}

/**
 * The schema reduced to its structure and widened JSON types; every other keyword (required,
 * enum, bounds, patterns, additionalProperties: false) is left to the operation's validation.
 */
export function jsonTypesOnly(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(jsonTypesOnly);
  if (schema === null || typeof schema !== 'object') return schema;
  const reduced: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    switch (key) {
      case 'type':
        reduced['type'] = acceptedTypes(value);
        break;
      case 'properties':
      case 'patternProperties':
        reduced[key] = mapValues(value);
        break;
      case 'items':
      case 'anyOf':
      case 'allOf':
        reduced[key] = jsonTypesOnly(value);
        break;
      case 'oneOf':
        // Reduced branches may overlap, so "exactly one" becomes "at least one".
        reduced['anyOf'] = jsonTypesOnly(value);
        break;
      case 'additionalProperties':
        if (typeof value === 'object') reduced[key] = jsonTypesOnly(value);
        break;
    }
  }
  return reduced;
}

/** A type error names the schema's own type, not the widened list. */
function asSchemaError(error: ErrorObject): FastifySchemaValidationError {
  if (error.keyword !== 'type') return error as FastifySchemaValidationError;
  const [type] = String(error.params['type']).split(',');
  return { ...error, params: { type } };
}

/** A preValidation hook refusing body values of the wrong JSON type for `schema`. */
export function strictBodyScalars(schema: TSchema) {
  let validate: ValidateFunction | null = null;
  return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    if (request.body === undefined) {
      done();
      return;
    }
    // Compiled on first use, so starting the server compiles nothing more.
    validate ??= nonCoercingAjv().compile(jsonTypesOnly(schema) as object);
    if (validate(request.body)) {
      done();
      return;
    }
    const errors = (validate.errors ?? []).map(asSchemaError);
    const typed = errors.filter((error) => error.keyword === 'type');
    done(validationError(typed.length > 0 ? typed : errors, 'body', true));
  };
}
