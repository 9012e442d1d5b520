// Rules for user-enforced limits: which values are valid, and which writes stay within them.
import { DomainError } from '../errors.js';
import type { AssociationRow, AssociationType, LimitConfig, RecordId } from '../model.js';

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

/**
 * Targets each (record, limited type) has, growing as writes are admitted: a batch is checked
 * input by input, in order, against what is stored plus what earlier inputs added.
 */
export class LimitLedger {
  readonly #limits: ReadonlyMap<string, number>;
  readonly #targets: Map<string, Set<RecordId>>;

  constructor(limits: ReadonlyMap<string, number>, stored: readonly AssociationRow[]) {
    this.#limits = limits;
    this.#targets = new Map();
    for (const row of stored) this.#targetsOf(row).add(row.toId);
  }

  /** The limit on a row's type, if one is set. */
  limitOf(row: AssociationRow): number | undefined {
    return this.#limits.get(limitKeyOf(row));
  }

  /**
   * Admits the rows of one input if none gives its record a target beyond its limit (rows that
   * are already stored add nothing); returns the first row that would, and admits nothing then.
   */
  admit(rows: readonly AssociationRow[]): AssociationRow | null {
    const added: [Set<RecordId>, RecordId][] = [];
    for (const row of rows) {
      const max = this.limitOf(row);
      if (max === undefined) continue;
      const targets = this.#targetsOf(row);
      if (targets.has(row.toId)) continue;
      if (targets.size >= max) {
        for (const [set, id] of added) set.delete(id);
        return row;
      }
      targets.add(row.toId);
      added.push([targets, row.toId]);
    }
    return null;
  }

  #targetsOf(row: AssociationRow): Set<RecordId> {
    const key = `${limitKeyOf(row)}/${row.fromId}`;
    let targets = this.#targets.get(key);
    if (!targets) {
      targets = new Set();
      this.#targets.set(key, targets);
    }
    return targets;
  }
}
