// Scopes (strict mode): each operation needs the scopes of the object types it names.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Core } from '../../core/create-core.js';
import { DomainError } from '../../core/errors.js';
import { resolveObjectType, type StandardObjectType } from '../../core/object-types.js';
import { missingScopes, requiredScopes } from '../../core/scopes.js';
import { renderError, type ErrorEnvelope } from '../error-envelope.js';
import { OBJECT_TYPE_PARAMS } from '../operations.js';
import { listParam } from '../wire/objects.js';

const MISSING_SCOPES_MESSAGE =
  "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.";
const SCOPES_LINK = 'https://developers.hubspot.com/scopes';

/** A name in a path or in `?associations=`; names no type resolves to are the handler's to refuse. */
function typeNamed(name: unknown): StandardObjectType[] {
  if (typeof name !== 'string') return [];
  try {
    return [resolveObjectType(name)];
  } catch {
    return [];
  }
}

/**
 * The object types a request names: its path's type parameters, and for record reads the types
 * of `?associations=` (they read those associations).
 */
export function objectTypesOf(request: FastifyRequest): StandardObjectType[] {
  const params = request.params as Record<string, unknown>;
  const fromPath = OBJECT_TYPE_PARAMS.flatMap((param) => typeNamed(params[param]));
  const query = request.query as Record<string, unknown> | undefined;
  const listed = query?.['associations'];
  const fromQuery =
    typeof listed === 'string' || Array.isArray(listed)
      ? (listParam(listed as string | string[]) ?? []).flatMap(typeNamed)
      : [];
  return [...fromPath, ...fromQuery];
}

/**
 * HubSpot's 403 body. The missing scopes ride in `context.missingScopes` (as the published
 * definitions' examples put them) and in `errors[0].context.requiredGranularScopes` (as the
 * documentation's example does), so either reader finds them.
 */
export function missingScopesBody(
  missing: readonly string[],
  correlationId: string,
): ErrorEnvelope {
  const envelope = renderError(
    new DomainError('MISSING_SCOPES', MISSING_SCOPES_MESSAGE, { missingScopes: [...missing] }),
    correlationId,
  );
  return {
    ...envelope,
    errors: [
      {
        message: 'One or more of the following scopes are required.',
        context: { requiredGranularScopes: [...missing] },
      },
    ],
    links: { scopes: SCOPES_LINK },
  };
}

/** Answers 403 when the token lacks a scope the operation needs; runs once the body is parsed. */
export function registerScopesCheck(app: FastifyInstance, core: Core): void {
  app.addHook('preValidation', async (request, reply) => {
    const operation = request.routeOptions.config.operation;
    const access = operation?.access;
    if (request.scopes === null || (access !== 'read' && access !== 'write')) return;
    const types = operation?.scopeTypes
      ? await operation.scopeTypes.of(request, core)
      : objectTypesOf(request);
    const kind = operation?.scopeKind ?? 'objects';
    const missing = missingScopes(requiredScopes(access, types, kind), request.scopes);
    if (missing.length === 0) return;
    const names = missing.map((requirement) => requirement.scope);
    return reply.code(403).send(missingScopesBody(names, request.correlationId));
  });
}
