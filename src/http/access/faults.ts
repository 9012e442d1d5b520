// Fault injection: the next N requests of a portal that match a method and path fail or wait.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../core/errors.js';
import { internalError, renderError } from '../error-envelope.js';
import { FAULT_STATUSES, type FaultStatus } from '../schemas/control-replies.js';
import { rateLimitBody } from './rate-limits.js';

export { FAULT_STATUSES, type FaultStatus };

/** What a client asks for: which requests, how many, and what happens to them. */
export interface FaultSpec {
  /** An HTTP method, or `*` for any. */
  readonly method: string;
  /** A glob over the path (query excluded): `*` matches any run of characters, `/` included. */
  readonly path?: string | undefined;
  /** A regular expression over the path, instead of `path`. */
  readonly pathRegex?: string | undefined;
  /** How many matching requests it applies to. */
  readonly times: number;
  /** The status to fail with; none lets the request through after the latency. */
  readonly status?: FaultStatus | undefined;
  /** Milliseconds to wait before failing or serving the request. */
  readonly latencyMs?: number | undefined;
}

/** A fault in force. */
export interface Fault extends FaultSpec {
  readonly id: string;
  readonly portalId: number;
  /** Matching requests it still applies to. */
  remaining: number;
}

/** `*` matches anything, every other character itself. */
function globToRegex(glob: string): RegExp {
  const source = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

/** The pattern a spec matches paths with; throws INVALID_INPUT for a bad regular expression. */
function pathMatcher(spec: FaultSpec): RegExp | null {
  if (spec.path !== undefined && spec.pathRegex !== undefined) {
    throw new DomainError('INVALID_INPUT', 'Give either path or pathRegex, not both');
  }
  if (spec.path !== undefined) return globToRegex(spec.path);
  if (spec.pathRegex === undefined) return null;
  try {
    return new RegExp(spec.pathRegex);
  } catch (error) {
    throw new DomainError(
      'INVALID_INPUT',
      `pathRegex is not a valid regular expression: ${(error as Error).message}`,
    );
  }
}

/** The faults of every portal, in the order they were added; kept in this process only. */
export class FaultRegistry {
  readonly #faults: { fault: Fault; matcher: RegExp | null }[] = [];

  add(portalId: number, spec: FaultSpec): Fault {
    if (spec.status === undefined && spec.latencyMs === undefined) {
      throw new DomainError('INVALID_INPUT', 'A fault needs a status, a latencyMs, or both');
    }
    const matcher = pathMatcher(spec);
    const fault: Fault = {
      ...spec,
      method: spec.method.toUpperCase(),
      id: randomUUID(),
      portalId,
      remaining: spec.times,
    };
    this.#faults.push({ fault, matcher });
    return fault;
  }

  list(portalId: number): Fault[] {
    return this.#faults
      .filter(({ fault }) => fault.portalId === portalId)
      .map(({ fault }) => fault);
  }

  /** Removes the portal's faults, or every fault. */
  clear(portalId?: number): void {
    for (let index = this.#faults.length - 1; index >= 0; index--) {
      const entry = this.#faults[index];
      if (portalId === undefined || entry?.fault.portalId === portalId)
        this.#faults.splice(index, 1);
    }
  }

  /** The first fault matching the request, counted as applied (and dropped once used up). */
  take(portalId: number, method: string, path: string): Fault | null {
    const index = this.#faults.findIndex(
      ({ fault, matcher }) =>
        fault.portalId === portalId &&
        (fault.method === '*' || fault.method === method) &&
        (matcher === null || matcher.test(path)),
    );
    const entry = this.#faults[index];
    if (!entry) return null;
    entry.fault.remaining -= 1;
    if (entry.fault.remaining === 0) this.#faults.splice(index, 1);
    return entry.fault;
  }
}

/** The body of a failed request: HubSpot's, for the status chosen. */
function faultBody(status: FaultStatus, portalId: number, correlationId: string): unknown {
  switch (status) {
    case 429:
      return rateLimitBody('TEN_SECONDLY_ROLLING', portalId, correlationId);
    case 500:
      return renderError(internalError(), correlationId);
    case 502:
      return renderError(new DomainError('BAD_GATEWAY', 'Bad gateway'), correlationId);
    case 503:
      return renderError(
        new DomainError('SERVICE_UNAVAILABLE', 'Service unavailable'),
        correlationId,
      );
  }
}

/** Applies faults to a portal's requests (never to the control API), after authentication. */
export function registerFaults(app: FastifyInstance, faults: FaultRegistry): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.authenticated) return;
    const fault = faults.take(request.portalId, request.method, request.url.split('?')[0] ?? '');
    if (!fault) return;
    if (fault.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault.status === undefined) return;
    return reply
      .code(fault.status)
      .send(faultBody(fault.status, request.portalId, request.correlationId));
  });
}
