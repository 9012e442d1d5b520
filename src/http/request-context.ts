// Per-request context: the portal a request acts on and its correlation id.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The portal (HubSpot account) whose data the request reads and writes. */
    portalId: number;
    /** Sent in `X-HubSpot-Correlation-Id` and in every error body. */
    correlationId: string;
  }
}

/** Makes correlation ids; tests may fix them. */
export type CorrelationIds = () => string;

/** Gives every request its portal and a fresh correlation id, echoed in a response header. */
export function registerRequestContext(
  app: FastifyInstance,
  options: { defaultPortalId: number; correlationIds?: CorrelationIds | undefined },
): void {
  const nextId = options.correlationIds ?? randomUUID;
  app.decorateRequest('portalId', 0);
  app.decorateRequest('correlationId', '');
  app.addHook('onRequest', (request, reply, done) => {
    request.portalId = options.defaultPortalId;
    request.correlationId = nextId();
    void reply.header('x-hubspot-correlation-id', request.correlationId);
    done();
  });
}
