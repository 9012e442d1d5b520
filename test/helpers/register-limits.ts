// The limits of the register's model (M1–M11): which are set, how a batch of limit inputs is
// admitted, and which write a limit refuses.
import {
  failed,
  invalidSpec,
  limitExceeded,
  type ItemError,
  type Outcome,
} from './register-outcomes.js';
import {
  reversed,
  specKey,
  type AssociationModel,
  type KnownType,
  type Pair,
  type Spec,
  type TypeTable,
} from './type-collisions.js';

/** A limit set on one direction's type. */
export interface Limit extends Spec {
  readonly from: string;
  readonly to: string;
  readonly max: number;
}

/** The result of one limit input: the limit as set and its type's label. */
export interface LimitSet extends Limit {
  readonly label: string | null;
}

/** One limit input: a type and its maximum. */
export type LimitInput = Spec & { readonly max: number };

const keyOf = (from: string, to: string, spec: Spec) => `${from}>${to}/${specKey(spec)}`;

/** One row a write stores: a record, a target and the type between them. */
interface RowWritten {
  readonly pair: Pair;
  readonly type: KnownType;
}

export class LimitTable {
  readonly #types: TypeTable;
  readonly #limits = new Map<string, Limit>();

  constructor(types: TypeTable) {
    this.#types = types;
  }

  /** M5: the limits set from one object type to another. */
  between(from: string, to: string): LimitSet[] {
    return [...this.#limits.values()]
      .filter((limit) => limit.from === from && limit.to === to)
      .map((limit) => ({ ...limit, label: this.#types.find(from, to, limit).label }));
  }

  /** L7: a deleted label's limits go with it. */
  forgetLabel(typeIds: readonly number[]): void {
    for (const [key, limit] of this.#limits) {
      if (limit.category === 'USER_DEFINED' && typeIds.includes(limit.typeId))
        this.#limits.delete(key);
    }
  }

  /** M2, M3, M11: limit inputs in order, each against the limits set before it. */
  put(
    from: string,
    to: string,
    inputs: readonly LimitInput[],
    mode: 'create' | 'update',
  ): Outcome<LimitSet>[] {
    const direction = new Map(
      [...this.#limits].filter(([, limit]) => limit.from === from && limit.to === to),
    );
    const outcomes = inputs.map((input): Outcome<LimitSet> => {
      const error = this.#refusal(from, to, input, mode, direction);
      if (error) return { error };
      const limit = { from, to, category: input.category, typeId: input.typeId, max: input.max };
      direction.set(keyOf(from, to, input), limit);
      return { result: { ...limit, label: this.#types.find(from, to, input).label } };
    });
    if (outcomes.every(failed)) return outcomes;
    for (const [key, limit] of direction) this.#limits.set(key, limit);
    return outcomes;
  }

  /** M4: removes the limits; a spec the pair does not have refuses the whole call. */
  purge(from: string, to: string, specs: readonly Spec[]): ItemError | null {
    const invalid = specs.find((spec) => !this.#types.lookup(from, to, spec));
    if (invalid) return invalidSpec(from, to, invalid);
    for (const spec of specs) this.#limits.delete(keyOf(from, to, spec));
    return null;
  }

  /**
   * M6, M7: the rows an input stores (the unlabeled type both ways, each label and its inverse),
   * checked in that order against the rows as the input left them (`after`): a row its record
   * already had before the input (`before`) adds nothing and breaks no limit, and the input's own
   * removals (labels it replaces, a Primary it moves) free their slots first.
   */
  breach(
    before: AssociationModel,
    after: AssociationModel,
    pair: Pair,
    types: readonly KnownType[],
  ): ItemError | null {
    for (const { pair: row, type } of this.#rowsWritten(pair, types)) {
      const limit = this.#limits.get(keyOf(row.fromType, row.toType, type));
      if (!limit) continue;
      const through = (rows: AssociationModel) =>
        rows.targetsThrough(row.fromType, row.fromId, row.toType, type);
      if (through(before).has(row.toId)) continue;
      if (through(after).size > limit.max) return limitExceeded(row, type, limit.max);
    }
    return null;
  }

  #rowsWritten(pair: Pair, types: readonly KnownType[]): RowWritten[] {
    const rows: RowWritten[] = [];
    for (const end of [pair, reversed(pair)]) {
      const unlabeled = this.#types.unlabeled(end.fromType, end.toType);
      if (unlabeled) rows.push({ pair: end, type: unlabeled });
    }
    for (const type of types) {
      if (type.label === null) continue;
      rows.push({ pair, type });
      const inverse = this.#types.inverseOf(type);
      if (inverse) rows.push({ pair: reversed(pair), type: inverse });
    }
    return rows;
  }

  #refusal(
    from: string,
    to: string,
    input: LimitInput,
    mode: 'create' | 'update',
    direction: ReadonlyMap<string, Limit>,
  ): ItemError | null {
    const type = this.#types.lookup(from, to, input);
    if (!type) return invalidSpec(from, to, input);
    const context = {
      associationCategory: [input.category],
      associationTypeId: [String(input.typeId)],
    };
    const isSet = direction.has(keyOf(from, to, input));
    const what = `${input.category} association type ${input.typeId}`;
    if (mode === 'create' && isSet) {
      const message = `A limit is already set for ${what}; update it instead`;
      return { code: 'LIMIT_ALREADY_SET', message, context };
    }
    if (mode === 'update' && !isSet) {
      const message = `No limit is set for ${what}; create it instead`;
      return { code: 'LIMIT_NOT_SET', message, context };
    }
    return this.#valueRefusal(type, input.max, [...direction.values()]);
  }

  /** M2: a label's limit cannot exceed its pair's, nor the pair's fall below a label's. */
  #valueRefusal(type: KnownType, max: number, direction: readonly Limit[]): ItemError | null {
    const context = { associationTypeId: [String(type.typeId)], maxToObjectIds: [String(max)] };
    const others = direction.filter((limit) => specKey(limit) !== specKey(type));
    const labelOf = (limit: Limit) => this.#types.find(limit.from, limit.to, limit).label;
    let message: string | null = null;
    if (type.label === null) {
      const labelMax = Math.max(0, ...others.map((limit) => limit.max));
      if (max < labelMax)
        message = `The limit must be at least ${labelMax}, the largest limit set on a label (valid range: ${labelMax}-10000)`;
    } else {
      const pairMax = others.find((limit) => labelOf(limit) === null)?.max;
      if (pairMax !== undefined && max > pairMax)
        message = `The limit of a label cannot exceed the limit of its pair (valid range: 1-${pairMax})`;
    }
    return message === null ? null : { code: 'INVALID_LIMIT', message, context };
  }
}
