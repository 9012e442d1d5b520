// The one error catalogue: every failure the server reports, with HubSpot's category for it.

/** Context values are lists of strings, as in HubSpot's error bodies. */
export type ErrorContext = Record<string, string[]>;

interface ErrorCodeEntry {
  /** HubSpot's `category` field. */
  readonly category: string;
  /** HubSpot's `subCategory` field, where HubSpot sends one. */
  readonly subCategory?: string;
  /** What the code means, for docs/errors.md. */
  readonly meaning: string;
}

/** Every error code. The HTTP layer maps each code to a status; docs/errors.md lists them all. */
export const ERROR_CODES = {
  INVALID_JSON: {
    category: 'VALIDATION_ERROR',
    meaning: 'The body is not valid JSON, or a body was expected and none was sent.',
  },
  INVALID_INPUT: {
    category: 'VALIDATION_ERROR',
    meaning: 'The body or a parameter does not have the shape the operation requires.',
  },
  UNKNOWN_OBJECT_TYPE: {
    category: 'VALIDATION_ERROR',
    meaning: 'An object type in the path is not a known type id or name.',
  },
  INVALID_ASSOCIATION_TYPE: {
    category: 'VALIDATION_ERROR',
    meaning: 'An association category and type id are not defined between the two object types.',
  },
  NO_DEFAULT_ASSOCIATION_TYPE: {
    category: 'VALIDATION_ERROR',
    meaning: 'The two object types have no default (unlabeled) association type.',
  },
  INVALID_OBJECT_IDS: {
    category: 'VALIDATION_ERROR',
    meaning: 'A record id does not name an existing, unarchived record of its type.',
  },
  BATCH_TOO_LARGE: {
    category: 'VALIDATION_ERROR',
    meaning: 'A batch has more inputs than the operation allows.',
  },
  INVALID_PAGING: {
    category: 'VALIDATION_ERROR',
    meaning: 'A paging cursor or limit is not valid.',
  },
  BODY_TOO_LARGE: {
    category: 'VALIDATION_ERROR',
    meaning: 'The request body is larger than the server accepts.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    category: 'VALIDATION_ERROR',
    meaning: 'The request body is not JSON.',
  },
  URI_TOO_LONG: {
    category: 'VALIDATION_ERROR',
    meaning: 'The request URL, or one of its path parameters, is longer than the server accepts.',
  },
  HEADERS_TOO_LARGE: {
    category: 'VALIDATION_ERROR',
    meaning: "The request's line and headers together are larger than the server accepts.",
  },
  MALFORMED_REQUEST: {
    category: 'VALIDATION_ERROR',
    meaning: 'The request is not well-formed HTTP, or its URL is not validly percent-encoded.',
  },
  REQUEST_TIMEOUT: {
    category: 'VALIDATION_ERROR',
    meaning: 'The request did not arrive in full within the time the server allows.',
  },
  INVALID_LABEL: {
    category: 'VALIDATION_ERROR',
    meaning: 'A label name or text is not valid, or the two object types take no labels.',
  },
  READ_ONLY_ASSOCIATION_TYPE: {
    category: 'VALIDATION_ERROR',
    meaning: 'A HubSpot-defined association type cannot be renamed or deleted.',
  },
  LABEL_LIMIT_REACHED: {
    category: 'VALIDATION_ERROR',
    meaning: 'The two object types already have as many user-defined labels as allowed.',
  },
  LABEL_ALREADY_EXISTS: {
    category: 'OBJECT_ALREADY_EXISTS',
    meaning: 'A label with this name (in the portal) or text (between the pair) exists.',
  },
  LABEL_NOT_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    meaning: 'No user-defined label has this type id between the two object types.',
  },
  INVALID_LIMIT: {
    category: 'VALIDATION_ERROR',
    meaning: "A limit is out of range, or a label's limit would exceed its pair's.",
  },
  LIMIT_ALREADY_SET: {
    category: 'VALIDATION_ERROR',
    meaning: 'A limit is already set for the type; batch/update changes it.',
  },
  LIMIT_NOT_SET: {
    category: 'OBJECT_NOT_FOUND',
    meaning: 'No limit is set for the type; batch/create sets one.',
  },
  ASSOCIATION_LIMIT_EXCEEDED: {
    category: 'VALIDATION_ERROR',
    meaning: "The write would give a record more targets through a type than the type's limit.",
  },
  SELF_ASSOCIATION: {
    category: 'VALIDATION_ERROR',
    meaning:
      'A write names the same record at both ends; a record is never associated with itself.',
  },
  MERGE_IDENTITY_LIMIT: {
    category: 'VALIDATION_ERROR',
    meaning:
      'A merge would leave a record with more than 250 ids (its own and those merged into it).',
  },
  SEARCH_TOO_MANY_FILTERS: {
    category: 'VALIDATION_ERROR',
    meaning:
      'A search has more than 5 filter groups, more than 10 filters in a group, or more than 25 filters in all.',
  },
  SEARCH_INVALID_FILTER: {
    category: 'VALIDATION_ERROR',
    meaning:
      "A search filter lacks the value, values or highValue its operator needs, sends one it must not, or a value does not fit the property's type.",
  },
  SEARCH_INVALID_PROPERTY: {
    category: 'VALIDATION_ERROR',
    meaning:
      'A search filter or sort names a property that cannot be searched: a malformed name, or `associations.` with an unknown object type or an operator other than EQ and IN.',
  },
  SEARCH_INVALID_SORT: {
    category: 'VALIDATION_ERROR',
    meaning: 'A search sends more than one sort, or sorts by an association.',
  },
  SEARCH_RESULT_CAP: {
    category: 'VALIDATION_ERROR',
    meaning: 'A search pages past the 10,000 results HubSpot lets a search page through.',
  },
  INVALID_PROPERTY: {
    category: 'VALIDATION_ERROR',
    meaning:
      'A property definition is not valid: its name, its type and fieldType together, its options, or a group that does not exist.',
  },
  READ_ONLY_PROPERTY: {
    category: 'VALIDATION_ERROR',
    meaning: 'A HubSpot-defined property or group cannot be changed or archived.',
  },
  PROPERTY_ALREADY_EXISTS: {
    category: 'OBJECT_ALREADY_EXISTS',
    subCategory: 'Properties.PROPERTY_WITH_NAME_EXISTS',
    meaning: 'A property with this name exists for the object type (built in, or defined).',
  },
  PROPERTY_NOT_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    meaning: 'No property of the object type has this name (or it is archived).',
  },
  PROPERTY_GROUP_ALREADY_EXISTS: {
    category: 'OBJECT_ALREADY_EXISTS',
    meaning: 'A property group with this name exists for the object type.',
  },
  PROPERTY_GROUP_NOT_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    meaning: 'No property group of the object type has this name (or it is archived).',
  },
  PROPERTY_GROUP_NOT_EMPTY: {
    category: 'VALIDATION_ERROR',
    subCategory: 'PropertyGroupError.GROUP_WITH_ACTIVE_PROPERTIES',
    meaning: 'A property group with live properties cannot be archived.',
  },
  UNIQUE_VALUE_EXISTS: {
    category: 'CONFLICT',
    meaning:
      "A record write gives a unique-value property (contacts' email, or one defined with `hasUniqueValue`) a value another live record of the type has.",
  },
  TOO_MANY_UNIQUE_PROPERTIES: {
    category: 'VALIDATION_ERROR',
    meaning: 'An object type already has the 10 unique-value properties HubSpot allows.',
  },
  PROPERTY_DOESNT_EXIST: {
    category: 'VALIDATION_ERROR',
    meaning:
      'A record write names a property the object type does not have (when the server refuses undeclared properties).',
  },
  OBJECT_NOT_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    meaning: 'The record does not exist (or is archived).',
  },
  INVALID_SCHEMA: {
    category: 'VALIDATION_ERROR',
    meaning:
      "A custom object schema's name, labels or properties are not valid, or a display, required or searchable property names none of its properties.",
  },
  PRIMARY_DISPLAY_PROPERTY_REQUIRED: {
    category: 'VALIDATION_ERROR',
    subCategory: 'ObjectDefinitionError.PRIMARY_DISPLAY_PROPERTY_REQUIRED',
    meaning: 'A custom object schema is created without `primaryDisplayProperty`.',
  },
  SCHEMA_ALREADY_EXISTS: {
    category: 'OBJECT_ALREADY_EXISTS',
    meaning:
      'A custom object schema with this name (case-insensitively, archived ones included) exists in the portal.',
  },
  SCHEMA_NOT_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    meaning:
      'No custom object schema of the portal has this id or name (or it is archived, where a live one is needed).',
  },
  EXISTING_OBJECT_RECORDS: {
    category: 'VALIDATION_ERROR',
    subCategory: 'ObjectDefinitionError.EXISTING_OBJECT_RECORDS',
    meaning: 'A custom object schema cannot be deleted while unarchived records of it exist.',
  },
  SCHEMA_NOT_ARCHIVED: {
    category: 'VALIDATION_ERROR',
    meaning: 'A custom object schema is purged (`archived=true`) before it was archived.',
  },
  ASSOCIATION_DEFINITION_EXISTS: {
    category: 'OBJECT_ALREADY_EXISTS',
    meaning: 'The two object types already have an association definition.',
  },
  ASSOCIATION_DEFINITION_NOT_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    meaning: 'No association definition of the schema has this id.',
  },
  NO_ASSOCIATIONS_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
    meaning: 'A batch read input has no associations to the requested object type.',
  },
  PORTAL_NOT_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    meaning: 'No portal has this id.',
  },
  PORTAL_EXISTS: {
    category: 'OBJECT_ALREADY_EXISTS',
    meaning: 'A portal with this id already exists.',
  },
  TOKEN_NOT_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    meaning: 'No access token matches the one given.',
  },
  APP_NOT_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    meaning: 'No app has this id (apps come from the config file or the control API).',
  },
  WEBHOOK_SETTINGS_NOT_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    meaning: 'The app has no webhook settings (no target URL) yet.',
  },
  SUBSCRIPTION_NOT_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    meaning: 'The app has no webhook subscription with this id.',
  },
  SUBSCRIPTION_ID_NOT_FOUND: {
    category: 'SUBSCRIPTION_ID_NOT_FOUND',
    meaning: 'A batch update names a subscription id the app does not have.',
  },
  SUBSCRIPTION_LIMIT_REACHED: {
    category: 'VALIDATION_ERROR',
    meaning: 'The app already has the 1,000 webhook subscriptions HubSpot allows.',
  },
  JOURNAL_OFFSET_NOT_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    meaning: "An offset does not name an unexpired entry of the app's webhooks journal.",
  },
  JOURNAL_FILTER_NOT_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    meaning: 'The app has no webhooks journal filter with this id.',
  },
  SNAPSHOT_NOT_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    meaning: 'The app has no snapshot with this status id.',
  },
  ROUTE_NOT_FOUND: {
    category: 'OBJECT_NOT_FOUND',
    meaning: 'No operation is served at this method and path.',
  },
  INVALID_AUTHENTICATION: {
    category: 'INVALID_AUTHENTICATION',
    meaning:
      'No access token was sent, or the token is not known (strict mode; admin token for the control API).',
  },
  MISSING_SCOPES: {
    category: 'MISSING_SCOPES',
    meaning: "The token's scopes do not include those the operation needs for its object types.",
  },
  RATE_LIMITED: {
    category: 'RATE_LIMITS',
    meaning:
      "The portal's ten-secondly or daily request limit, or its per-second search limit, is used up; the body carries `errorType: RATE_LIMIT` and `policyName`, as HubSpot's does.",
  },
  BAD_GATEWAY: {
    category: 'INTERNAL_ERROR',
    meaning: 'An injected fault: the request failed as if a gateway in front of HubSpot had.',
  },
  SERVICE_UNAVAILABLE: {
    category: 'INTERNAL_ERROR',
    meaning: 'An injected fault: the request failed as if the service were unavailable.',
  },
  INTERNAL_ERROR: {
    category: 'INTERNAL_ERROR',
    meaning: 'An unexpected failure inside the server; nothing was written.',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A whole-request failure. The HTTP layer renders it as HubSpot's error envelope. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext | undefined;

  constructor(code: ErrorCode, message: string, context?: ErrorContext) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.context = context;
  }
}

/** A per-input failure inside a batch: a value, not an exception. */
export interface BatchItemError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly context: ErrorContext;
}

/** The result of a batch operation: what succeeded and what failed, input by input. */
export interface BatchOutcome<T> {
  readonly results: T[];
  readonly errors: BatchItemError[];
}

export function batchItemError(
  code: ErrorCode,
  message: string,
  context: ErrorContext,
): BatchItemError {
  return { code, message, context };
}
