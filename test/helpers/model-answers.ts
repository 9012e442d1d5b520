// The answers the register promises, in wire form: each family's statuses (F2, L10, M4, W5),
// HubSpot's error envelope and batch envelope (B1, B2) with the catalogue's categories
// (docs/errors.md), and a response reduced to what a test compares.
import { BATCH_PREFIXES, SCHEMA_PREFIXES } from './type-collisions.js';
import type { TestResponse } from './test-app.js';
import { failed, type ItemError, type Outcome } from './register-outcomes.js';

/** A status and a body, without the fields that change from one request to the next. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** A batch operation's success status, and whether partial failure answers 207. */
export interface BatchStatus {
  readonly success: 200 | 201;
  readonly multiStatus: boolean;
}

const CREATED_OR_MULTI: BatchStatus = { success: 201, multiStatus: true };
const OK_OR_MULTI: BatchStatus = { success: 200, multiStatus: true };
const OK_ONLY: BatchStatus = { success: 200, multiStatus: false };

/** What each v4-shaped family declares, in the order of BATCH_PREFIXES (and RECORD_PREFIXES). */
const FAMILIES = [
  { create: CREATED_OR_MULTI, archive: 204, limits: [CREATED_OR_MULTI, OK_OR_MULTI], ids: true },
  { create: CREATED_OR_MULTI, archive: 200, limits: [OK_ONLY, OK_ONLY], ids: false },
  { create: CREATED_OR_MULTI, archive: 200, limits: [CREATED_OR_MULTI, OK_OR_MULTI], ids: true },
  { create: OK_ONLY, archive: 200, limits: [OK_ONLY, OK_ONLY], ids: false },
  { create: CREATED_OR_MULTI, archive: 200, limits: [CREATED_OR_MULTI, OK_OR_MULTI], ids: true },
] as const;

function familyAt(index: number) {
  const family = FAMILIES[index % BATCH_PREFIXES.length];
  if (!family) throw new Error('every batch prefix has a family');
  return family;
}

/** The family of a schema prefix: `/crm/associations/v4` is v4's, the rest as BATCH_PREFIXES. */
function schemaFamily(index: number) {
  return familyAt(Math.max(0, (index % SCHEMA_PREFIXES.length) - 1));
}

export const statuses = {
  batchCreate: (family: number) => familyAt(family).create,
  archive: (family: number) => familyAt(family).archive,
  limits: (schema: number, mode: 'create' | 'update') =>
    schemaFamily(schema).limits[mode === 'create' ? 0 : 1],
  labelObjectTypeIds: (schema: number) => schemaFamily(schema).ids,
  /** associate/default declares 200 only: failed inputs ride in its body (W5). */
  associateDefault: OK_ONLY,
  v3Create: CREATED_OR_MULTI,
};

/** The catalogue's category and status of each code the model reports. */
const CODES: Record<string, { category: string; status: number }> = {
  INVALID_ASSOCIATION_TYPE: { category: 'VALIDATION_ERROR', status: 400 },
  INVALID_OBJECT_IDS: { category: 'VALIDATION_ERROR', status: 400 },
  ASSOCIATION_LIMIT_EXCEEDED: { category: 'VALIDATION_ERROR', status: 400 },
  INVALID_LIMIT: { category: 'VALIDATION_ERROR', status: 400 },
  LIMIT_ALREADY_SET: { category: 'VALIDATION_ERROR', status: 400 },
  LIMIT_NOT_SET: { category: 'OBJECT_NOT_FOUND', status: 400 },
  READ_ONLY_ASSOCIATION_TYPE: { category: 'VALIDATION_ERROR', status: 400 },
  LABEL_NOT_FOUND: { category: 'OBJECT_NOT_FOUND', status: 404 },
  LABEL_ALREADY_EXISTS: { category: 'OBJECT_ALREADY_EXISTS', status: 409 },
};

function codeOf(error: ItemError) {
  const code = CODES[error.code];
  if (!code) throw new Error(`the model knows no error code ${error.code}`);
  return code;
}

/** A whole request's failure: HubSpot's envelope (context only when there is one). */
export function refused(error: ItemError): Answer {
  const { category, status } = codeOf(error);
  const context = Object.keys(error.context).length > 0 ? { context: error.context } : {};
  return { status, body: { status: 'error', message: error.message, category, ...context } };
}

/** B2: one failed input inside a batch answer. */
export function errorItem(error: ItemError) {
  return {
    status: 'error',
    category: codeOf(error).category,
    message: error.message,
    context: error.context,
  };
}

function mergedContexts(errors: readonly ItemError[]): Record<string, string[]> {
  const merged: Record<string, string[]> = {};
  for (const error of errors) {
    for (const [key, values] of Object.entries(error.context))
      merged[key] = [...(merged[key] ?? []), ...values];
  }
  return merged;
}

/**
 * B1, W5: one result (or several) per successful input in input order, one error item per
 * failed input in input order; 207 where the family declares it; when every input failed, 400
 * with the first error's message and every input's context.
 */
export function batchAnswer<R>(
  outcomes: readonly Outcome<R>[],
  toWire: (result: R) => unknown[],
  declared: BatchStatus,
): Answer {
  const errors = outcomes.filter(failed).map((outcome) => outcome.error);
  const [first] = errors;
  if (first && errors.length === outcomes.length) {
    return refused({ ...first, context: mergedContexts(errors) });
  }
  const results = outcomes.flatMap((outcome) => (failed(outcome) ? [] : toWire(outcome.result)));
  const status = errors.length > 0 && declared.multiStatus ? 207 : declared.success;
  const failures =
    errors.length > 0 ? { numErrors: errors.length, errors: errors.map(errorItem) } : {};
  return { status, body: { status: 'COMPLETE', results, ...failures } };
}

/** F2: archives answer 204, or 200 with an empty batch body in the dated families. */
export function archived(status: number): Answer {
  if (status === 204) return { status, body: undefined };
  return { status, body: { status: 'COMPLETE', results: [] } };
}

const VOLATILE = new Set(['correlationId', 'startedAt', 'completedAt']);

/** A body without its volatile fields, and with label lists sorted (their order is not promised). */
function stable(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => stable(item));
    return key === 'labels' ? items.sort() : items;
  }
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([name]) => !VOLATILE.has(name))
      .map(([name, item]) => [name, stable(item, name)]),
  );
}

/** The response as the model's answers are written. */
export function answerOf(response: TestResponse): Answer {
  return { status: response.status, body: stable(response.body) };
}

/** The expected answer in the same form (label lists sorted). */
export function expected(answer: Answer): Answer {
  return { status: answer.status, body: stable(answer.body) };
}
