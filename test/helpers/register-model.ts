// The behaviour register (docs/fidelity.md) as a model of one portal: its records, labels, limits
// and association rows, changed one input at a time. A batch is its inputs applied in order, as
// separate single writes would apply them, inside one transaction (issue 15): each input sees
// what the earlier ones did, and an input that fails changes nothing.
import { LimitTable } from './register-limits.js';
import {
  failed,
  invalidName,
  invalidObjectIds,
  invalidSpec,
  labelNotDeleted,
  type ItemError,
  type Outcome,
} from './register-outcomes.js';
import {
  AssociationModel,
  TypeTable,
  reversed,
  type KnownType,
  type Pair,
  type Spec,
} from './type-collisions.js';

/** A label to create. */
export interface LabelDefinition {
  readonly name: string;
  readonly label: string;
  readonly inverseLabel?: string;
}

export class RegisterModel {
  readonly types = new TypeTable();
  readonly limits = new LimitTable(this.types);
  rows = new AssociationModel(this.types);
  readonly #records = new Set<string>();
  /** Every label direction ever created, deleted ones included: requests still name them. */
  readonly #labelsEver: KnownType[] = [];
  #nextLabelTypeId = 1;

  addRecords(objectType: string, ids: readonly string[]): void {
    for (const id of ids) this.#records.add(`${objectType}/${id}`);
  }

  /** The label directions ever created from one object type to another. */
  labelsEver(from: string, to: string): KnownType[] {
    return this.#labelsEver.filter((type) => type.from === from && type.to === to);
  }

  /** W7, W8: the pair's types for the specs, or the error of the first it does not have. */
  resolve(pair: Pair, specs: readonly Spec[]): KnownType[] | ItemError {
    const types: KnownType[] = [];
    for (const spec of specs) {
      const type = this.types.lookup(pair.fromType, pair.toType, spec);
      if (!type) return invalidSpec(pair.fromType, pair.toType, spec);
      types.push(type);
    }
    return types;
  }

  /** W6: the records of the pair that do not exist, the from-record first. */
  missingRecords(pair: Pair): ItemError | null {
    const ends = [
      { type: pair.fromType, id: pair.fromId },
      { type: pair.toType, id: pair.toId },
    ].filter((end) => !this.#records.has(`${end.type}/${end.id}`));
    return ends.length === 0 ? null : invalidObjectIds(ends);
  }

  /**
   * W2, W3, W4, W9: one v4 labelled input (PUT labelled, or one input of a batch create). The
   * pair ends with exactly the requested labels; the result is the labels it then carries, in
   * the request's direction. `[]` writes nothing, is refused by no limit, and reports the labels.
   */
  putLabelled(pair: Pair, specs: readonly Spec[]): Outcome<string[]> {
    const types = this.resolve(pair, specs);
    if ('code' in types) return { error: types };
    const missing = this.missingRecords(pair);
    if (missing) return { error: missing };
    if (types.length === 0) return { result: this.rows.labelsOf(pair) };
    const breach = this.#writeWithinLimits(pair, types, 'replace');
    if (breach) return { error: breach };
    return { result: this.rows.labelsOf(pair) };
  }

  /** V2, F5, LG2: adds one type to the pair (v3 batch create, v3 PUT, legacy create). */
  addType(pair: Pair, type: KnownType | ItemError): Outcome<KnownType> {
    if ('code' in type) return { error: type };
    const refusal = this.missingRecords(pair) ?? this.#writeWithinLimits(pair, [type], 'add');
    if (refusal) return { error: refusal };
    return { result: type };
  }

  /** associate/default and PUT default: the unlabeled type both ways; the pair's labels stay. */
  addDefault(pair: Pair): Outcome<KnownType[]> {
    const refusal = this.missingRecords(pair) ?? this.#writeWithinLimits(pair, [], 'add');
    if (refusal) return { error: refusal };
    const ends = [pair, reversed(pair)];
    return { result: ends.flatMap((end) => this.types.unlabeled(end.fromType, end.toType) ?? []) };
  }

  /** M6, M7: writes the types, and undoes the write when it leaves a record over a limit. */
  #writeWithinLimits(
    pair: Pair,
    types: readonly KnownType[],
    mode: 'replace' | 'add',
  ): ItemError | null {
    const before = this.rows.copy();
    this.rows.write(pair, types, mode);
    const breach = this.limits.breach(before, this.rows, pair, types);
    if (breach) this.rows = before;
    return breach;
  }

  /**
   * LG2: legacy inputs, all or nothing: applied in order, and when one fails, none is kept and
   * the call answers the first failure.
   */
  allOrNothing(inputs: readonly (() => Outcome<unknown>)[]): ItemError | null {
    const before = this.rows.copy();
    for (const input of inputs) {
      const outcome = input();
      if (failed(outcome)) {
        this.rows = before;
        return outcome.error;
      }
    }
    return null;
  }

  /** A v3 name or, V3, a bare id: HubSpot's type of the pair with that id first, then a label. */
  byNameOrId(pair: Pair, segment: string): KnownType | ItemError {
    const { fromType: from, toType: to } = pair;
    const type = /^[0-9]+$/.test(segment)
      ? (this.types.lookup(from, to, { category: 'HUBSPOT_DEFINED', typeId: Number(segment) }) ??
        this.types.lookup(from, to, { category: 'USER_DEFINED', typeId: Number(segment) }))
      : this.types.lookupV3Name(from, to, segment);
    return type ?? invalidName(from, to, segment);
  }

  /** L1, L3: creates a label; its direction takes the next type id, its inverse the one after. */
  createLabel(from: string, to: string, definition: LabelDefinition): Outcome<KnownType[]> {
    const { name, label } = definition;
    const taken = this.#labelsEver.some(
      (type) =>
        type.v3Name.toLowerCase() === name.toLowerCase() &&
        this.types.lookup(type.from, type.to, type) !== undefined,
    );
    if (taken) {
      const message = `An association label with the name '${name}' already exists`;
      const context = { name: [name], label: [label] };
      return { error: { code: 'LABEL_ALREADY_EXISTS', message, context } };
    }
    const typeId = this.#nextLabelTypeId;
    this.#nextLabelTypeId += 2;
    const inverseLabel = definition.inverseLabel ?? label;
    this.types.addLabel({ from, to, typeId, inverseTypeId: typeId + 1, name, label, inverseLabel });
    const forward = this.types.find(from, to, { category: 'USER_DEFINED', typeId });
    const backward = this.types.find(to, from, { category: 'USER_DEFINED', typeId: typeId + 1 });
    this.#labelsEver.push(forward, backward);
    return { result: [forward, backward] };
  }

  /**
   * L7, L8: deletes the label with this type id (either direction) between the path's object
   * types, with its rows and limits. An id no label has is a HubSpot-defined type of the path's
   * direction (400) or nothing (404).
   */
  deleteLabel(from: string, to: string, typeId: number): ItemError | null {
    const label = [...this.types.between(from, to), ...this.types.between(to, from)].find(
      (type) => type.category === 'USER_DEFINED' && type.typeId === typeId,
    );
    if (!label) {
      const builtIn = this.types.lookup(from, to, { category: 'HUBSPOT_DEFINED', typeId });
      return labelNotDeleted(from, to, typeId, builtIn !== undefined);
    }
    const ids = [label.typeId, label.inverseTypeId ?? label.typeId];
    this.rows.forgetLabel(ids);
    this.types.removeLabel(ids);
    this.limits.forgetLabel(ids);
    return null;
  }
}
