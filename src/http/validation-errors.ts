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
  const details = errors.map((error) => describe(error, where));
  const prefix = part === 'body' ? 'Invalid input JSON: ' : 'Invalid input: ';
  return new DomainError('INVALID_INPUT', `${prefix}${details.join('; ')}`, {
    ...(part === 'body' ? {} : { [part ?? 'request']: details }),
  });
}
