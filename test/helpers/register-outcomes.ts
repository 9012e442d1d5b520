// The outcomes the register promises for one input: a result, or an error in the catalogue's
// words (docs/errors.md and the register's rows), to compare with what the server answers.
import { objectTypeById } from '../../src/core/object-types.js';
import { pathName, type KnownType, type Pair, type Spec } from './type-collisions.js';

/** A failure as the server reports it: its catalogue code, message and context. */
export interface ItemError {
  readonly code: string;
  readonly message: string;
  readonly context: Record<string, string[]>;
}

/** What one input did: its result, or the error it failed with (and then it changed nothing). */
export type Outcome<R> = { readonly result: R } | { readonly error: ItemError };

export function failed<R>(outcome: Outcome<R>): outcome is { readonly error: ItemError } {
  return 'error' in outcome;
}

const plural = (typeId: string) => pathName(typeId);
const singular = (typeId: string) => objectTypeById(typeId).errorName.toLowerCase();

/** W7: the v4 wording of a type that the pair does not have. */
export function invalidSpec(from: string, to: string, spec: Spec): ItemError {
  return {
    code: 'INVALID_ASSOCIATION_TYPE',
    message: `${spec.category} association type ${spec.typeId} is not a valid association type between ${plural(from)} and ${plural(to)}`,
    context: { associationCategory: [spec.category], associationTypeId: [String(spec.typeId)] },
  };
}

/** V3 and v3 batch create: the wording of a name (or id) that names no type of the pair. */
export function invalidName(from: string, to: string, name: string): ItemError {
  return {
    code: 'INVALID_ASSOCIATION_TYPE',
    message: `${name} is not a valid association type between ${plural(from)} and ${plural(to)}`,
    context: { type: [name] },
  };
}

/** W6: the records of a pair that do not exist (the from-record first). */
export function invalidObjectIds(ends: readonly { type: string; id: string }[]): ItemError {
  const names = ends.map((end) => objectTypeById(end.type).errorName);
  return {
    code: 'INVALID_OBJECT_IDS',
    message: 'One or more associations are invalid',
    context: {
      INVALID_OBJECT_IDS: ends.map((end, index) => `${names[index]}=${end.id} is not valid`),
      objectId: ends.map((end) => end.id),
      objectType: names,
    },
  };
}

/** L8: deleting a HubSpot-defined type; or an id no label has. */
export function labelNotDeleted(
  from: string,
  to: string,
  typeId: number,
  builtIn: boolean,
): ItemError {
  const context = { associationTypeId: [String(typeId)] };
  if (builtIn) {
    const message = `HubSpot-defined association type ${typeId} cannot be changed or deleted`;
    return { code: 'READ_ONLY_ASSOCIATION_TYPE', message, context };
  }
  const message = `No association label with type id ${typeId} between ${plural(from)} and ${plural(to)}`;
  return { code: 'LABEL_NOT_FOUND', message, context };
}

/** M7: the error of a write beyond a limit. */
export function limitExceeded(row: Pair, type: KnownType, max: number): ItemError {
  const labelled = type.label === null ? '' : ` labelled '${type.label}'`;
  return {
    code: 'ASSOCIATION_LIMIT_EXCEEDED',
    message: `Association limit exceeded: ${singular(row.fromType)} ${row.fromId} can be associated with at most ${max} ${plural(row.toType)}${labelled}`,
    context: {
      fromObjectId: [row.fromId],
      fromObjectType: [singular(row.fromType)],
      toObjectType: [singular(row.toType)],
      associationCategory: [type.category],
      associationTypeId: [String(type.typeId)],
      maxToObjectIds: [String(max)],
    },
  };
}
