// Turns schema validation failures into HubSpot-style VALIDATION_ERROR messages.
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { DomainError } from '../core/errors.js';

/** `/inputs/0/from` → `inputs[0].from` */
function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .filter(Boolean)
    .map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}

function describe(error: FastifySchemaValidationError, where: string): string {
  const field = fieldPath(error.instancePath);
  const at = field === '' ? where : `${where} ${field}`;
  const params = error.params;
  switch (error.keyword) {
    case 'required':
      return `Some required fields were not set: [${String(params['missingProperty'])}]${field ? ` in ${field}` : ''}`;
    case 'type':
      return `${at} must be ${String(params['type'])}`;
    default:
      return `${at} ${error.message ?? 'is not valid'}`;
  }
}

/**
 * A value that is none of a fixed set (a union of constants, such as a fault's status) fails each
 * constant and then the union: those errors become one that lists the values allowed.
 */
function choicesNamed(
  errors: readonly FastifySchemaValidationError[],
): FastifySchemaValidationError[] {
  const allowedAt = new Map<string, unknown[]>();
  for (const error of errors) {
    if (error.keyword !== 'const') continue;
    const allowed = allowedAt.get(error.instancePath) ?? [];
    allowed.push(error.params['allowedValue']);
    allowedAt.set(error.instancePath, allowed);
  }
  return errors.flatMap((error) => {
    const allowed = allowedAt.get(error.instancePath);
    if (!allowed || allowed.length < 2) return [error];
    if (error.keyword === 'const') return [];
    if (error.keyword !== 'anyOf') return [error];
    const listed = allowed.map((value) => JSON.stringify(value)).join(', ');
    return [{ ...error, keyword: 'enum', message: `must be one of ${listed}` }];
  });
}

const WHERE = {
  body: 'the body',
  querystring: 'query parameter',
  params: 'path parameter',
  headers: 'header',
} as const;

/** The domain error for a failed schema check of one part of the request. */
export function validationError(
  errors: readonly FastifySchemaValidationError[],
  part: string | undefined,
  hadBody: boolean,
): DomainError {
  if (part === 'body' && !hadBody) {
    return new DomainError(
      'INVALID_JSON',
      'Invalid JSON input: a request body was expected, but none found',
    );
  }
  const where = WHERE[(part ?? 'body') as keyof typeof WHERE];
  const details = [...new Set(choicesNamed(errors).map((error) => describe(error, where)))];
  const prefix = part === 'body' ? 'Invalid input JSON: ' : 'Invalid input: ';
  return new DomainError('INVALID_INPUT', `${prefix}${details.join('; ')}`, {
    ...(part === 'body' ? {} : { [part ?? 'request']: details }),
  });
}
