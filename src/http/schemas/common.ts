// Request schemas shared by every family: ids, association specs, batch bodies.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CATEGORIES } from '../../core/model.js';

/** A record id: clients send strings (numbers are accepted and read as strings). */
export const RecordIdSchema = Type.String({ minLength: 1, maxLength: 64 });

/** `{ "id": "123" }` */
export const PublicObjectIdSchema = Type.Object({ id: RecordIdSchema });

/** One of HubSpot's association categories. */
export const CategorySchema = Type.Union(CATEGORIES.map((category) => Type.Literal(category)));

/** `{ "associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 279 }` */
export const AssociationSpecSchema = Type.Object({
  associationCategory: CategorySchema,
  associationTypeId: Type.Integer({ minimum: -2147483648, maximum: 2147483647 }),
});
export type AssociationSpecWire = Static<typeof AssociationSpecSchema>;

/** `{ "inputs": [...] }` */
export function batchInput<T extends TSchema>(input: T) {
  return Type.Object({ inputs: Type.Array(input) });
}

/** Path parameters of the association batch endpoints. */
export const PairPathSchema = Type.Object({
  fromObjectType: Type.String(),
  toObjectType: Type.String(),
});
