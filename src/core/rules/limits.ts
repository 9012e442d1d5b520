// Rules for user-enforced limits: which values are valid, and which writes stay within them.
import { DomainError } from '../errors.js';
import type { AssociationType, LimitConfig } from '../model.js';

/** The largest limit that can be set (HubSpot's settings accept "any number up to 10,000"). */
export const MAX_LIMIT = 10_000;

/** The key of a limit, or of the limit that applies to a row. */
export function limitKeyOf(row: Omit<LimitConfig, 'maxToObjectIds'>): string {
  return `${row.fromObjectTypeId}/${row.toObjectTypeId}/${row.category}/${row.typeId}`;
}

/**
 * Throws INVALID_LIMIT unless `max` may limit `type`, given the limits already set in its
 * direction: a label's limit cannot exceed the pair's, nor the pair's fall below a label's.
 */
export function assertLimitValue(
  type: AssociationType,
  max: number,
  direction: readonly { readonly type: AssociationType; readonly max: number }[],
): void {
  const context = { associationTypeId: [String(type.typeId)], maxToObjectIds: [String(max)] };
  if (max < 1 || max > MAX_LIMIT) {
    throw invalid(`The limit must be between 1 and ${MAX_LIMIT}`, context);
  }
  const others = direction.filter(
    (set) => set.type.typeId !== type.typeId || set.type.category !== type.category,
  );
  if (type.label === null) {
    const labelMax = Math.max(0, ...others.map((set) => set.max));
    if (max < labelMax)
      throw invalid(
        `The limit must be at least ${labelMax}, the largest limit set on a label (valid range: ${labelMax}-${MAX_LIMIT})`,
        context,
      );
    return;
  }
  const pairMax = others.find((set) => set.type.label === null)?.max;
  if (pairMax !== undefined && max > pairMax) {
    throw invalid(
      `The limit of a label cannot exceed the limit of its pair (valid range: 1-${pairMax})`,
      context,
    );
  }
}

function invalid(message: string, context: Record<string, string[]>): DomainError {
  return new DomainError('INVALID_LIMIT', message, context);
}
