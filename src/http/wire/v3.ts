// Maps between the v3 wire shapes (type names) and core's commands and results.
import type { NamedAssociation, NamedPairInput } from '../../core/use-cases/named-associations.js';

/** `{from: {id}, to: {id}, type}` inputs as core's named pairs. */
export function namedInputs(
  inputs: readonly { from: { id: string }; to: { id: string }; type: string }[],
): NamedPairInput[] {
  return inputs.map((input) => ({
    fromId: input.from.id,
    toId: input.to.id,
    typeName: input.type,
  }));
}

/** `PublicAssociation`: ids as strings, the type by name. */
export function namedAssociationToWire(association: NamedAssociation) {
  return {
    from: { id: String(association.fromId) },
    to: { id: String(association.toId) },
    type: association.name,
  };
}
