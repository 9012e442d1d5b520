// The webhook event log as the control API lists it: each event with its delivery state and
// attempts, newest first, filtered by app, portal and status.
import type { DeliveryQuery, LoggedDelivery } from '../ports.js';
import type { CoreDeps } from './deps.js';

/** Events listed per page unless asked otherwise, and at most. */
export const DELIVERIES_PAGE = { default: 100, max: 1000 } as const;

export function listDeliveries(
  deps: CoreDeps,
  query: Omit<DeliveryQuery, 'limit'> & { readonly limit?: number | undefined },
): Promise<LoggedDelivery[]> {
  const limit = Math.min(query.limit ?? DELIVERIES_PAGE.default, DELIVERIES_PAGE.max);
  return deps.store.listDeliveries({ ...query, limit });
}
