// Renders every failure as HubSpot's error envelope, and maps error codes to HTTP statuses.
import type { Static } from '@sinclair/typebox';
import { DomainError, ERROR_CODES, type BatchItemError, type ErrorCode } from '../core/errors.js';
import type { ErrorReplySchema } from './schemas/replies.js';

/**
 * HTTP status per error code; a code not listed answers 400. 437 for the label cap is HubSpot's
 * own non-standard status, as observed on live portals.
 */
const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  URI_TOO_LONG: 414,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  LABEL_LIMIT_REACHED: 437,
  MERGE_IDENTITY_LIMIT: 414,
  LABEL_ALREADY_EXISTS: 409,
  LABEL_NOT_FOUND: 404,
  PROPERTY_ALREADY_EXISTS: 409,
  PROPERTY_NOT_FOUND: 404,
  UNIQUE_VALUE_EXISTS: 409,
  PROPERTY_GROUP_ALREADY_EXISTS: 409,
  PROPERTY_GROUP_NOT_FOUND: 404,
  OBJECT_NOT_FOUND: 404,
  SCHEMA_ALREADY_EXISTS: 409,
  SCHEMA_NOT_FOUND: 404,
  ASSOCIATION_DEFINITION_EXISTS: 409,
  ASSOCIATION_DEFINITION_NOT_FOUND: 404,
  NO_ASSOCIATIONS_FOUND: 404,
  PORTAL_NOT_FOUND: 404,
  PORTAL_EXISTS: 409,
  TOKEN_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  APP_NOT_FOUND: 404,
  WEBHOOK_SETTINGS_NOT_FOUND: 404,
  SUBSCRIPTION_NOT_FOUND: 404,
  JOURNAL_OFFSET_NOT_FOUND: 404,
  JOURNAL_FILTER_NOT_FOUND: 404,
  SNAPSHOT_NOT_FOUND: 404,
  INVALID_AUTHENTICATION: 401,
  MISSING_SCOPES: 403,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503,
};

export function statusOf(code: ErrorCode): number {
  return STATUS_BY_CODE[code] ?? 400;
}

/** HubSpot's single-request error body. */
export type ErrorEnvelope = Static<typeof ErrorReplySchema>;

/** The envelope of a domain error. */
export function renderError(error: DomainError, correlationId: string): ErrorEnvelope {
  const entry: { category: string; subCategory?: string } = ERROR_CODES[error.code];
  const envelope: ErrorEnvelope = {
    status: 'error',
    message: error.message,
    correlationId,
    category: entry.category,
  };
  if (entry.subCategory) envelope.subCategory = entry.subCategory;
  if (error.context && Object.keys(error.context).length > 0) envelope.context = error.context;
  return envelope;
}

/** One per-input error inside a batch response (HubSpot's StandardError, as observed). */
export function renderBatchError(error: BatchItemError) {
  const entry: { category: string; subCategory?: string } = ERROR_CODES[error.code];
  return {
    status: 'error' as const,
    category: entry.category,
    ...(entry.subCategory ? { subCategory: entry.subCategory } : {}),
    message: error.message,
    context: error.context,
  };
}

/** HubSpot's answer to an unexpected failure: no detail, no stack. */
export function internalError(): DomainError {
  return new DomainError('INTERNAL_ERROR', 'internal error');
}
