// Request and response schemas of CRM search (`PublicObjectSearchRequest` and its answer).
import { Type } from '@sinclair/typebox';
import { SEARCH_LIMITS, SEARCH_OPERATORS } from '../../core/rules/search.js';
import { RecordReplySchema } from './objects.js';
import { ForwardPagingSchema } from './replies.js';

/** Filter values are strings on the wire; numbers and booleans are accepted as sent. */
const FilterValueSchema = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);

const FilterSchema = Type.Object({
  propertyName: Type.String(),
  operator: Type.Union(SEARCH_OPERATORS.map((operator) => Type.Literal(operator))),
  value: Type.Optional(FilterValueSchema),
  values: Type.Optional(Type.Array(FilterValueSchema)),
  highValue: Type.Optional(FilterValueSchema),
});

/** A sort: the documented object, or the spec's bare property name. */
const SortSchema = Type.Union([
  Type.String(),
  Type.Object({
    propertyName: Type.String(),
    direction: Type.Optional(Type.Union([Type.Literal('ASCENDING'), Type.Literal('DESCENDING')])),
  }),
]);

/** Every field is optional: HubSpot documents `{}` as a valid search. */
export const SearchBodySchema = Type.Object({
  filterGroups: Type.Optional(Type.Array(Type.Object({ filters: Type.Array(FilterSchema) }))),
  query: Type.Optional(Type.String({ maxLength: SEARCH_LIMITS.queryLength })),
  sorts: Type.Optional(Type.Array(SortSchema)),
  properties: Type.Optional(Type.Array(Type.String())),
  limit: Type.Optional(Type.Integer()),
  // Clients send the offset as a string, as paging.next.after gives it; some send a number.
  after: Type.Optional(Type.Union([Type.String(), Type.Integer()])),
});

/** `CollectionResponseWithTotalSimplePublicObject`. */
export const SearchReplySchema = Type.Object(
  {
    total: Type.Integer(),
    results: Type.Array(RecordReplySchema),
    paging: Type.Optional(ForwardPagingSchema),
  },
  { additionalProperties: false },
);
