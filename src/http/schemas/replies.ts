// Response schemas shared by every shape: the batch envelope, its per-input error, paging, ids.
import { Type, type TSchema } from '@sinclair/typebox';

/** Context values are lists of strings, as in HubSpot's error bodies. */
export const ErrorContextSchema = Type.Record(Type.String(), Type.Array(Type.String()));

/** One failed input inside a batch answer (HubSpot's `StandardError`, as observed). */
export const StandardErrorSchema = Type.Object(
  {
    status: Type.Literal('error'),
    category: Type.String(),
    subCategory: Type.Optional(Type.String()),
    message: Type.String(),
    context: ErrorContextSchema,
  },
  { additionalProperties: false },
);

/** A timestamp in ISO-8601 UTC with milliseconds. */
const Timestamp = Type.String({ format: 'date-time' });

/**
 * `{status, results, numErrors?, errors?, startedAt, completedAt}`. Errors are declared on every
 * envelope: families that declare no 207 report failed inputs inside their success status.
 */
export function batchEnvelope<T extends TSchema>(result: T) {
  return Type.Object(
    {
      status: Type.Literal('COMPLETE'),
      results: Type.Array(result),
      numErrors: Type.Optional(Type.Integer({ minimum: 1 })),
      errors: Type.Optional(Type.Array(StandardErrorSchema)),
      startedAt: Timestamp,
      completedAt: Timestamp,
    },
    { additionalProperties: false },
  );
}

/** The body of the dated families' archives: an envelope whose results are always empty. */
export const EmptyBatchSchema = batchEnvelope(Type.Object({}, { maxProperties: 0 }));

/** `{ "id": "123" }` as answers send it: ids are strings. */
export const ObjectIdReplySchema = Type.Object(
  { id: Type.String() },
  { additionalProperties: false },
);

/** `paging` of forward-only pages: present only when there is a next page. */
export const ForwardPagingSchema = Type.Object(
  { next: Type.Object({ after: Type.String() }, { additionalProperties: false }) },
  { additionalProperties: false },
);

/** The `response` schemas of a route: one schema for each status that has a body (not 204). */
export function repliesFor<T extends TSchema>(statuses: readonly number[], schema: T) {
  const replies: Record<number, T> = {};
  for (const status of statuses) if (status !== 204) replies[status] = schema;
  return replies;
}

/** HubSpot's single-request error body, as every failure answers it. */
export const ErrorReplySchema = Type.Object(
  {
    status: Type.Literal('error'),
    message: Type.String(),
    correlationId: Type.String({ format: 'uuid' }),
    category: Type.String(),
    subCategory: Type.Optional(Type.String()),
    context: Type.Optional(ErrorContextSchema),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          message: Type.String(),
          in: Type.Optional(Type.String()),
          code: Type.Optional(Type.String()),
          context: Type.Optional(ErrorContextSchema),
        }),
      ),
    ),
    links: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  { additionalProperties: false },
);
