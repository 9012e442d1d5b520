// Scopes (strict mode): each operation needs the scopes of the object types it names.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Core } from '../../core/create-core.js';
import { DomainError } from '../../core/errors.js';
import type { StandardObjectType } from '../../core/object-types.js';
import { missingScopes, requiredScopes } from '../../core/scopes.js';
import { renderError, type ErrorEnvelope } from '../error-envelope.js';
import { requestObjectTypes, typeNamesOf } from '../request-types.js';

const MISSING_SCOPES_MESSAGE =
  "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.";
const SCOPES_LINK = 'https://developers.hubspot.com/scopes';

/**
 * The object types a request names: its path's type parameters, and for record reads the types
 * of `?associations=` (they read those associations). Names no type resolves to are the
 * handler's to refuse.
 */
export async function objectTypesOf(
  request: FastifyRequest,
  core: Core,
): Promise<StandardObjectType[]> {
  const directory = await requestObjectTypes(request, core);
  return typeNamesOf(request).flatMap((name) => {
    try {
      return [directory.resolve(name)];
    } catch {
      return [];
    }
  });
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
    let requirements;
    if (operation?.scopes) requirements = [operation.scopes];
    else {
      const types = operation?.scopeTypes
        ? await operation.scopeTypes.of(request, core)
        : await objectTypesOf(request, core);
      requirements = requiredScopes(access, types, operation?.scopeKind ?? 'objects');
    }
    const missing = missingScopes(requirements, request.scopes);
    if (missing.length === 0) return;
    const names = missing.map((requirement) => requirement.scope);
    return reply.code(403).send(missingScopesBody(names, request.correlationId));
  });
}
