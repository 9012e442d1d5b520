// Every route is registered as an operation of a family, so the list of operations (and
// docs/operations.md, generated from it) is read from the app itself and cannot drift from it.
import type { FastifyInstance, RouteOptions } from 'fastify';

/** What the operations list says about one route. */
export interface OperationInfo {
  /** The API family that serves it, e.g. 'v4' or '2026-03'. */
  readonly family: string;
  readonly method: string;
  /** The path with `{param}` placeholders, as HubSpot writes them. */
  readonly path: string;
  /** Success statuses, e.g. [201, 207]; 207 only where partial failure answers it. */
  readonly statuses: readonly number[];
  /** One line: what the operation does. */
  readonly summary: string;
}

/** The part of OperationInfo a route declares; method and path come from the route. */
export type OperationMeta = Omit<OperationInfo, 'method' | 'path'>;

declare module 'fastify' {
  interface FastifyContextConfig {
    operation?: OperationMeta;
  }
  interface FastifyInstance {
    /** Every operation registered so far, in registration order. */
    readonly operations: readonly OperationInfo[];
  }
}

/** `/crm/v4/objects/:objectType` → `/crm/v4/objects/{objectType}` */
function hubSpotPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

/** Collects the operation of every route registered after this call. */
export function registerOperationList(app: FastifyInstance): void {
  const operations: OperationInfo[] = [];
  app.decorate('operations', operations);
  app.addHook('onRoute', (route: RouteOptions) => {
    const meta = route.config?.operation;
    if (!meta) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      operations.push({ ...meta, method, path: hubSpotPath(route.url) });
    }
  });
}

/** The statuses of a batch operation: its success status, and 207 where it declares one. */
export function batchStatuses(status: { success: number; multiStatus: boolean }): number[] {
  return status.multiStatus ? [status.success, 207] : [status.success];
}

/** The route `config` that registers a route as an operation of the family. */
export function operationConfig(
  family: { readonly name: string },
  summary: string,
  statuses: readonly number[],
): { operation: OperationMeta } {
  return { operation: { family: family.name, summary, statuses } };
}
