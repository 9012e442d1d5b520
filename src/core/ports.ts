// The ports core depends on: the store and the clock.
import type {
  AssociatedTarget,
  AssociationRow,
  AssociationSpec,
  CrmRecord,
  CustomObjectSchema,
  LabelDefinition,
  LimitConfig,
  Properties,
  PropertySchemaEntry,
  RecordId,
  RecordPair,
} from './model.js';
import type { ChangeSet } from './changes.js';

/** Tells the time. Injected so tests can fix it. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** A new record to insert. */
export interface NewRecord {
  readonly properties: Properties;
  /** When the record was created; the insert's time when absent (a merge keeps the older). */
  readonly createdAt?: Date;
}

/** Properties to merge into one record. */
export interface RecordUpdate {
  readonly id: RecordId;
  readonly properties: Properties;
  /** A new creation time; the stored one stays when absent. */
  readonly createdAt?: Date;
}

/** Every association row from or to some records: live, and set aside with an archived end. */
export interface RecordAssociationRows {
  readonly live: AssociationRow[];
  readonly setAside: AssociationRow[];
}

/** Position of a keyset page over the targets of one record. */
export interface TargetPageQuery {
  readonly fromObjectTypeId: string;
  readonly fromId: RecordId;
  readonly toObjectTypeId: string;
  /** Return only targets with an id greater than this. */
  readonly afterToId: RecordId | null;
  readonly limit: number;
}

/** Up to `limit` targets, and whether more follow. */
export interface StoredTargetPage {
  readonly targets: AssociatedTarget[];
  readonly hasMore: boolean;
}

/** A new label: the store allocates its two type ids. */
export type NewLabel = Omit<LabelDefinition, 'typeId' | 'inverseTypeId'>;

/** Which limit: the direction's object types and the type. */
export type LimitKey = Omit<LimitConfig, 'maxToObjectIds'>;

/** The portal's schema: its labels and its limits. Reads of it happen in and out of writes. */
export interface SchemaReader {
  /** Every user-defined label of the portal. */
  listLabels(portalId: number): Promise<LabelDefinition[]>;
  /** Every user-enforced limit of the portal. */
  listLimits(portalId: number): Promise<LimitConfig[]>;
  /** Every custom object schema of the portal, archived ones too, in id order. */
  listObjectSchemas(portalId: number): Promise<CustomObjectSchema[]>;
  /**
   * The portal's property definitions and groups (archived ones too), of one object type or
   * (null) of every type, in object type, kind and name order.
   */
  listPropertySchema(portalId: number, objectTypeId: string | null): Promise<PropertySchemaEntry[]>;
}

/** A new custom object schema: the store allocates its id. */
export type NewObjectSchema = Omit<CustomObjectSchema, 'id'>;

/** Records by id, and the ids merged into others: read in and out of writes. */
export interface RecordReader {
  /** Records of one type by id; archived ones only when asked. Missing ids are left out. */
  getRecords(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
    includeArchived: boolean,
  ): Promise<CrmRecord[]>;
  /**
   * For each of the ids that was merged into another record of the type, the id of the record it
   * now names. Ids never merged are left out.
   */
  resolveMergedIds(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<Map<RecordId, RecordId>>;
}

/**
 * What a record search compares: a stored property (through the value index), or one of the
 * record's own columns (its id, creation and last-modified times, compared as numbers in ms).
 */
export type SearchField =
  | { readonly kind: 'property'; readonly name: string }
  | { readonly kind: 'column'; readonly name: 'id' | 'createdAt' | 'updatedAt' };

/** One bound of a range: a number (numbers, dates, ids) or an index key (strings). */
export interface SearchBound {
  readonly value: number | string;
  readonly inclusive: boolean;
}

/**
 * One condition of a search, in the store's terms. Property values are compared through the
 * value index: `key` is the value as `searchKey` normalises it, `number` as `searchNumber` reads
 * it. A negated condition also matches records without the property.
 */
export type SearchCondition =
  | {
      readonly kind: 'keys';
      readonly field: SearchField;
      /** Normalised keys, or numbers (columns, and properties compared as numbers). */
      readonly keys: readonly (string | number)[];
      /** Which normalisation of a property's value the keys are: its number or its key. */
      readonly on: 'number' | 'key';
      /** When set, the stored value must also equal one of these exactly (enumerations). */
      readonly exact?: readonly string[];
      readonly negate: boolean;
    }
  | {
      readonly kind: 'range';
      readonly field: SearchField;
      /** Which normalisation to compare: numbers (and dates), or keys (strings). */
      readonly on: 'number' | 'key';
      readonly low: SearchBound | null;
      readonly high: SearchBound | null;
      readonly negate: boolean;
    }
  | { readonly kind: 'present'; readonly field: SearchField; readonly negate: boolean }
  | {
      readonly kind: 'like';
      /** Properties whose values are tried; any one matching matches. */
      readonly properties: readonly string[];
      /** LIKE patterns over the key (escape character `\`); any one matching matches. */
      readonly patterns: readonly string[];
      readonly negate: boolean;
    }
  | {
      /** Records associated (through any type) with one of these records of another type. */
      readonly kind: 'associated';
      readonly objectTypeId: string;
      readonly ids: readonly RecordId[];
    };

/** How a search orders its matches; ties, and records without the value, go by id. */
export interface SearchSort {
  readonly field: SearchField;
  readonly on: 'number' | 'key';
  readonly descending: boolean;
}

/** A search of one object type's live records, in the store's terms. */
export interface RecordSearch {
  /** Groups of conditions: a record matches when every condition of some group holds. */
  readonly groups: readonly (readonly SearchCondition[])[];
  /** Conditions every match must also meet (the text query). */
  readonly all: readonly SearchCondition[];
  readonly sort: SearchSort | null;
  readonly offset: number;
  readonly limit: number;
  /**
   * Leaves out records last written after this instant (ms since the epoch): an index that lags
   * behind writes. Absent: every committed write is found.
   */
  readonly writtenBy?: number;
}

/** A page of a search, and how many records match in all. */
export interface RecordSearchPage {
  readonly total: number;
  readonly records: CrmRecord[];
}

/** How many records of one object type a portal holds, live and archived. */
export interface ObjectTypeCount {
  readonly objectTypeId: string;
  readonly live: number;
  readonly archived: number;
}

/** A portal's sizes, counted from indexes without reading records' properties. */
export interface PortalCounts {
  /** Object types with at least one record, live or archived, in object type id order. */
  readonly objectTypes: ObjectTypeCount[];
  /** Association rows between live records (one per direction and type). */
  readonly associationRows: number;
}

/** Reads of committed state, outside any transaction. */
export interface StoreReader extends SchemaReader, RecordReader {
  /** The portal's record counts per object type and its number of live association rows. */
  countPortal(portalId: number): Promise<PortalCounts>;
  /** Records of one type in id order after `afterId`, archived or not as asked. */
  listRecords(
    portalId: number,
    objectTypeId: string,
    afterId: RecordId | null,
    limit: number,
    archived: boolean,
  ): Promise<CrmRecord[]>;
  /**
   * A page of the live records of one type matching a search, and the number matching. Driven by
   * the value index and the association keys: it reads the type's records only for conditions
   * that need them (negations, an empty search).
   */
  searchRecords(
    portalId: number,
    objectTypeId: string,
    search: RecordSearch,
  ): Promise<RecordSearchPage>;
  /** One page of the targets of one record. */
  pageTargets(portalId: number, query: TargetPageQuery): Promise<StoredTargetPage>;
  /** One page per query, in one round trip. */
  pageTargetsMany(
    portalId: number,
    queries: readonly TargetPageQuery[],
  ): Promise<StoredTargetPage[]>;
  /** Every target of each of the given records, for embedding in record reads. */
  targetsOfRecords(
    portalId: number,
    fromObjectTypeId: string,
    fromIds: readonly RecordId[],
    toObjectTypeId: string,
  ): Promise<Map<RecordId, AssociatedTarget[]>>;
}

/** Ids of records of one object type. */
export interface IdsOfType {
  readonly objectTypeId: string;
  readonly ids: readonly RecordId[];
}

/** A portal's user-defined labels and user-enforced limits, read together. */
export interface LabelsAndLimits {
  readonly labels: LabelDefinition[];
  readonly limits: LimitConfig[];
}

/** What a pair write holds: its pairs, and the records it counts rows from. */
export interface PairWriteHold {
  readonly pairs: readonly RecordPair[];
  readonly records: readonly IdsOfType[];
}

/** The rows from some records through one type (a Primary claimed, a limited type counted). */
export interface RowsThrough {
  readonly fromObjectTypeId: string;
  readonly fromIds: readonly RecordId[];
  readonly toObjectTypeId: string;
  readonly spec: AssociationSpec;
}

/** Everything a write transaction may do. All of it commits or none of it. */
export interface StoreTransaction extends SchemaReader, RecordReader {
  /**
   * What the transaction's writes changed so far: records created, updated (the properties whose
   * value changed), archived or purged, and association rows actually added or removed, cascades
   * included (an archive setting rows aside, a label delete removing its rows). Rows already
   * stored, or already gone, are not changes.
   */
  readonly changeSet: ChangeSet;
  /**
   * Whether the transaction runs beside other pair writes of its portal, so that it must hold
   * what it reads (`holdForPairWrites`); where it is false, holding does nothing and a write need
   * not work out what it would hold.
   */
  readonly holdsPairs: boolean;
  /** Of the given ids, those that name unarchived records of the type. */
  existingRecordIds(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<Set<RecordId>>;
  /**
   * `existingRecordIds` for ids of several types at once, keyed by object type id (every type
   * asked is a key): a write's record checks in one statement. With `hold`, also
   * `holdForPairWrites` of it, in the same round trip.
   */
  liveRecordIds(
    portalId: number,
    wanted: readonly IdsOfType[],
    hold?: PairWriteHold,
  ): Promise<Map<string, Set<RecordId>>>;
  /** `listLabels` and `listLimits` in one read (one round trip on PostgreSQL). */
  labelsAndLimits(portalId: number): Promise<LabelsAndLimits>;
  /** Inserts records, allocating their ids; returns them in input order. */
  insertRecords(
    portalId: number,
    objectTypeId: string,
    records: readonly NewRecord[],
    now: Date,
  ): Promise<CrmRecord[]>;
  /** Merges properties into unarchived records; returns those updated (absent ids are skipped). */
  updateRecords(
    portalId: number,
    objectTypeId: string,
    updates: readonly RecordUpdate[],
    now: Date,
  ): Promise<CrmRecord[]>;
  /** Archives records and sets their associations aside; returns the ids archived. */
  archiveRecords(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
    now: Date,
  ): Promise<RecordId[]>;
  /**
   * Records of the type, live ones or (when asked) archived ones too, whose value of `property`
   * equals one of `values` with ASCII letters compared case-insensitively (other characters
   * exactly), in id order. `property` is a HubSpot property name (letters, digits, `_`).
   */
  findRecordsByProperty(
    portalId: number,
    objectTypeId: string,
    property: string,
    values: readonly string[],
    includeArchived: boolean,
  ): Promise<CrmRecord[]>;
  /**
   * Deletes records for good, archived or not, with every association row from or to them (live
   * and set aside) and the merged ids that resolve to them; returns the ids deleted.
   */
  purgeRecords(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<RecordId[]>;
  /** Makes each of `ids` resolve to the record `into`, replacing where it resolved before. */
  insertMergedIds(
    portalId: number,
    objectTypeId: string,
    into: RecordId,
    ids: readonly RecordId[],
  ): Promise<void>;
  /** For each of the records, the ids that resolve to it, ascending; records without any left out. */
  idsMergedInto(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<Map<RecordId, RecordId[]>>;
  /** Every association row from or to the records, in both directions, live and set aside. */
  rowsTouchingRecords(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<RecordAssociationRows>;
  /** Deletes every association row from or to the records, live and set aside. */
  deleteRowsTouchingRecords(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<void>;
  /** Inserts rows set aside (restored with their archived end); rows already there stay. */
  insertSetAsideAssociations(portalId: number, rows: readonly AssociationRow[]): Promise<void>;
  /** The rows stored from each pair's from-record to its to-record. */
  rowsOfPairs(portalId: number, pairs: readonly RecordPair[]): Promise<AssociationRow[]>;
  /** Stored rows from the given records through one type (for Primary moves). */
  rowsFromRecordsOfType(
    portalId: number,
    fromObjectTypeId: string,
    fromIds: readonly RecordId[],
    toObjectTypeId: string,
    spec: AssociationSpec,
  ): Promise<AssociationRow[]>;
  /**
   * Holds, until the transaction ends, what a pair write reads before it writes: the pairs
   * (either way round) and the records whose rows through a followed type (a Primary claimed, a
   * limited type) it counts. A transaction opened with `pairWrites` calls it before reading
   * them; another such transaction holding any of them waits. Where the portal's writes are
   * serialised anyway (SQLite, a transaction opened without `pairWrites`) it does nothing.
   */
  holdForPairWrites(portalId: number, hold: PairWriteHold): Promise<void>;
  /**
   * What a labelled write may touch, in one read: `rowsOfPairs` of the pairs, then
   * `rowsFromRecordsOfType` of each entry of `through` (a row may come twice).
   */
  rowsTouchedByWrites(
    portalId: number,
    pairs: readonly RecordPair[],
    through: readonly RowsThrough[],
  ): Promise<AssociationRow[]>;
  /** Inserts rows; rows already stored are left as they are. */
  insertAssociations(portalId: number, rows: readonly AssociationRow[]): Promise<void>;
  /** Deletes exactly these rows. */
  deleteAssociations(portalId: number, rows: readonly AssociationRow[]): Promise<void>;
  /** Deletes every row from each pair's from-record to its to-record. */
  deletePairs(portalId: number, pairs: readonly RecordPair[]): Promise<void>;
  /**
   * Stores a label, allocating two type ids from the portal's own sequence (never reused, the
   * first pair being 1 and 2); returns it with them.
   */
  insertLabel(portalId: number, label: NewLabel): Promise<LabelDefinition>;
  /** Replaces the texts of the label with this forward type id. */
  updateLabel(portalId: number, typeId: number, label: string, inverseLabel: string): Promise<void>;
  /**
   * Deletes the label with this forward type id, every association row through either of its
   * types (archived records' rows too), and the limits set on them.
   */
  deleteLabel(portalId: number, label: LabelDefinition): Promise<void>;
  /** Sets limits, replacing any already set for the same keys; of two for one key, the later. */
  putLimits(portalId: number, limits: readonly LimitConfig[]): Promise<void>;
  /** Removes limits; keys without one are ignored. */
  deleteLimits(portalId: number, keys: readonly LimitKey[]): Promise<void>;
  /**
   * Stores a custom object schema with the next id of the portal's schema sequence (never
   * reused, the first being 1); returns it with its id. Its name must be free.
   */
  insertObjectSchema(portalId: number, schema: NewObjectSchema): Promise<CustomObjectSchema>;
  /** Replaces the stored schema with the same id. */
  updateObjectSchema(portalId: number, schema: CustomObjectSchema): Promise<void>;
  /** Whether any unarchived record of the type exists. */
  hasLiveRecords(portalId: number, objectTypeId: string): Promise<boolean>;
  /**
   * Deletes a schema for good with everything of its type: its records (archived too), their
   * merged ids and association rows, and the labels and limits of pairs that name the type.
   */
  purgeObjectSchema(portalId: number, schemaId: number): Promise<void>;
  /** Stores property definitions and groups, replacing those with the same type, kind and name. */
  putPropertySchema(portalId: number, entries: readonly PropertySchemaEntry[]): Promise<void>;
  /**
   * Appends events owed to apps to the webhook event log, in order, each due for delivery now:
   * each app's events in chunks of up to 100 (core/event-chunks.ts). The log gives each event its
   * `eventId`, ascending.
   */
  appendWebhookEvents(
    portalId: number,
    events: readonly LoggedWebhookEvent[],
    now: Date,
  ): Promise<void>;
  /** Every active subscription of every app that has webhook settings (a target URL). */
  activeSubscriptions(): Promise<StoredSubscription[]>;
  /**
   * Appends entries to their apps' webhooks journals: each gets the next offset of its app's own
   * sequence (ascending in commit order, never reused), an unguessable file token, and expires
   * `JOURNAL_RETENTION_MS` after `now`. The apps' entries expired by `now` are dropped.
   */
  appendJournalEntries(
    portalId: number,
    entries: readonly NewJournalEntry[],
    now: Date,
  ): Promise<void>;
  /** `Store.activeJournalSubscriptions`, read in the transaction (the event writer's). */
  activeJournalSubscriptions(): Promise<ActiveJournalSubscription[]>;
}

/** How long a journal entry is kept: HubSpot keeps the journal for 3 days. */
export const JOURNAL_RETENTION_MS = 3 * 24 * 60 * 60 * 1000;

/** The kinds of journal subscription HubSpot's 2026-03 API takes. */
export const JOURNAL_SUBSCRIPTION_TYPES = [
  'OBJECT',
  'ASSOCIATION',
  'APP_LIFECYCLE_EVENT',
  'LIST_MEMBERSHIP',
  'GDPR_PRIVACY_DELETION',
] as const;
export type JournalSubscriptionType = (typeof JOURNAL_SUBSCRIPTION_TYPES)[number];

/**
 * One of an app's journal subscriptions. The upsert key is (app, type, portal, object type):
 * `portalId` is 0 and `objectTypeId` the event type id for app lifecycle events. Empty lists
 * mean "all".
 */
export interface JournalSubscription {
  readonly id: number;
  readonly appId: number;
  readonly portalId: number;
  readonly subscriptionType: JournalSubscriptionType;
  readonly objectTypeId: string;
  readonly actions: readonly string[];
  readonly objectIds: readonly number[];
  readonly properties: readonly string[];
  readonly associatedObjectTypeIds: readonly string[];
  readonly listIds: readonly number[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type NewJournalSubscription = Omit<JournalSubscription, 'id' | 'createdAt' | 'updatedAt'>;

/** One condition of a journal filter, as HubSpot's API spells it. */
export interface JournalFilterCondition {
  readonly filterType: string;
  readonly property: string;
  readonly operator: string;
  readonly value?: string;
  readonly values?: readonly string[];
}

/** A filter on one journal subscription: every condition must hold. */
export interface JournalFilter {
  readonly id: number;
  readonly appId: number;
  readonly subscriptionId: number;
  readonly conditions: readonly JournalFilterCondition[];
  readonly createdAt: Date;
}

/** A subscription the event writer matches changes against, with its filters. */
export interface ActiveJournalSubscription extends JournalSubscription {
  readonly filters: readonly JournalFilter[];
}

/** An entry a write appends to one app's journal: the events of its file. */
export interface NewJournalEntry {
  readonly appId: number;
  readonly events: readonly Readonly<Record<string, unknown>>[];
}

/** A stored journal entry. */
export interface StoredJournalEntry {
  readonly appId: number;
  /** Its place in the app's journal, from 1; offsets are made from it. */
  readonly sequence: number;
  readonly portalId: number;
  readonly fileToken: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** Where a journal read starts: the first entries, the last ones, or those after a sequence. */
export type JournalPosition =
  | { readonly kind: 'earliest' }
  | { readonly kind: 'latest' }
  | { readonly kind: 'after'; readonly sequence: number };

/** A snapshot request's outcome, as its status operation shows it. */
export interface JournalSnapshot {
  readonly id: string;
  readonly appId: number;
  readonly status: string;
  readonly errorCode: string | null;
  readonly message: string | null;
  readonly initiatedAt: Date;
  readonly completedAt: Date | null;
}

/** Apps' webhooks journals: subscriptions, filters, entries and snapshots. */
export interface JournalStore {
  /** Inserts, or replaces the lists of the one with the same upsert key (its id stays). */
  upsertJournalSubscription(
    subscription: NewJournalSubscription,
    now: Date,
  ): Promise<JournalSubscription>;
  /** The app's journal subscriptions, in id order. */
  listJournalSubscriptions(appId: number): Promise<JournalSubscription[]>;
  /** Deletes one with its filters; false when the app has none with this id. */
  deleteJournalSubscription(appId: number, id: number): Promise<boolean>;
  /** Deletes the app's subscriptions of one portal with their filters; returns how many. */
  deleteJournalSubscriptionsOfPortal(appId: number, portalId: number): Promise<number>;
  /** Stores a filter; null when the app has no subscription with this id. */
  insertJournalFilter(
    appId: number,
    subscriptionId: number,
    conditions: readonly JournalFilterCondition[],
    now: Date,
  ): Promise<JournalFilter | null>;
  /** The app's filters: one by id, or (subscriptionId) those of one subscription, in id order. */
  listJournalFilters(
    appId: number,
    by: { readonly filterId: number } | { readonly subscriptionId: number },
  ): Promise<JournalFilter[]>;
  deleteJournalFilter(appId: number, filterId: number): Promise<boolean>;
  /**
   * Every journal subscription of every app whose type makes events (OBJECT, ASSOCIATION,
   * GDPR_PRIVACY_DELETION), with its filters: what the event writer matches changes against.
   */
  activeJournalSubscriptions(): Promise<ActiveJournalSubscription[]>;
  /**
   * Up to `limit` unexpired entries of the app's journal (of one portal, unless null), in
   * sequence order: the first ones, the last ones, or those after a sequence.
   */
  readJournal(
    appId: number,
    portalId: number | null,
    position: JournalPosition,
    limit: number,
    now: Date,
  ): Promise<StoredJournalEntry[]>;
  /** The unexpired entries with these sequences (of one portal, unless null), in sequence order. */
  journalEntriesAt(
    appId: number,
    portalId: number | null,
    sequences: readonly number[],
    now: Date,
  ): Promise<StoredJournalEntry[]>;
  /** The unexpired entry with this file token and its events, or null. */
  journalFile(
    fileToken: string,
    now: Date,
  ): Promise<{ entry: StoredJournalEntry; events: unknown[] } | null>;
  putJournalSnapshot(snapshot: JournalSnapshot): Promise<void>;
  getJournalSnapshot(appId: number, id: string): Promise<JournalSnapshot | null>;
}

/** Work a write transaction does last, before it commits, when its writes changed anything. */
export type CommitHook = (tx: StoreTransaction) => Promise<void>;

/** A portal (a HubSpot account): an isolated set of records, associations, labels and limits. */
export interface Portal {
  readonly portalId: number;
  readonly name: string;
  readonly createdAt: Date;
}

/** An access token of a portal. Only a SHA-256 hash of the token itself is ever stored. */
export interface AccessToken {
  /** Lower-case hex SHA-256 of the token. */
  readonly tokenHash: string;
  readonly portalId: number;
  /** HubSpot scope names, e.g. `crm.objects.contacts.read`. */
  readonly scopes: readonly string[];
  readonly createdAt: Date;
}

/**
 * One slice of a portal's whole state, as export yields it and import takes it. Export yields its
 * `portal` chunk first, then schemas, property groups and definitions, labels, limits, records
 * and associations, each in key order and in
 * pages; import accepts chunks in any order and any page size.
 */
export type PortalStateChunk =
  | {
      readonly kind: 'portal';
      readonly name: string;
      /** The next record id the portal hands out. */
      readonly nextRecordId: number;
      /** The next user-defined label type id the portal hands out. */
      readonly nextLabelTypeId: number;
      /** The next custom object schema id the portal hands out (1 when absent). */
      readonly nextSchemaId?: number;
    }
  | { readonly kind: 'schemas'; readonly schemas: readonly CustomObjectSchema[] }
  | { readonly kind: 'propertySchema'; readonly entries: readonly PropertySchemaEntry[] }
  | { readonly kind: 'labels'; readonly labels: readonly LabelDefinition[] }
  | { readonly kind: 'limits'; readonly limits: readonly LimitConfig[] }
  | { readonly kind: 'records'; readonly records: readonly CrmRecord[] }
  | {
      readonly kind: 'associations';
      /** True for rows set aside with an archived record (restored with it). */
      readonly archived: boolean;
      readonly rows: readonly AssociationRow[];
    };

/** What a replaced portal now holds. */
export interface PortalImportSummary {
  readonly records: number;
  readonly associations: number;
  readonly labels: number;
  readonly limits: number;
  /** Property definitions and groups. */
  readonly properties: number;
}

/** Portals and their tokens: the control API's side of the store. */
export interface PortalAdmin {
  /** Every portal, in id order. The default portal is created by whoever uses the store. */
  listPortals(): Promise<Portal[]>;
  getPortal(portalId: number): Promise<Portal | null>;
  /** Creates a portal with this id; null when one already has it. */
  createPortal(portalId: number, name: string, now: Date): Promise<Portal | null>;
  /** The largest portal id in use, or 0. */
  maxPortalId(): Promise<number>;
  /** Deletes a portal with all it holds, its tokens included; false when there was none. */
  deletePortal(portalId: number): Promise<boolean>;
  /**
   * Empties a portal: records, associations, labels, limits and property definitions go, and
   * its sequences start
   * again; the portal and its tokens stay.
   */
  resetPortal(portalId: number): Promise<void>;
  /** Stores a token, replacing one with the same hash. */
  putToken(token: AccessToken): Promise<void>;
  /** The token with this hash, or null. */
  findToken(tokenHash: string): Promise<AccessToken | null>;
  /** Every token of a portal, in creation order. */
  listTokens(portalId: number): Promise<AccessToken[]>;
  /** Deletes the token with this hash; false when there was none. */
  deleteToken(tokenHash: string): Promise<boolean>;
  /**
   * The portal's whole state, as one consistent snapshot, in pages of about `pageSize` items.
   * Writes to the portal wait while it is read.
   */
  exportPortal(portalId: number, pageSize: number): AsyncIterable<PortalStateChunk>;
  /**
   * Replaces the portal's whole state (creating the portal if needed) with the chunks, in one
   * transaction: when `chunks` throws, or a chunk conflicts with another, nothing changes.
   */
  importPortal(
    portalId: number,
    chunks: AsyncIterable<PortalStateChunk>,
  ): Promise<PortalImportSummary>;
}

/** One rate-limit window a request counts against. */
export interface RateWindowHit {
  /** Names the window, e.g. `TEN_SECONDLY_ROLLING`. */
  readonly name: string;
  /** Start of the current window, in ms since the epoch; a new start begins a new count. */
  readonly windowStart: number;
  /** Length of the window in ms; counts older than this may be forgotten. */
  readonly windowMs: number;
}

/** Counts requests per portal and window, shared by every process that shares the store. */
export interface RequestCounter {
  /** Counts one request of the portal in each window; returns each window's count so far. */
  hit(portalId: number, windows: readonly RateWindowHit[]): Promise<number[]>;
}

/** Where and how fast an app's webhooks are sent, as its settings say. */
export interface WebhookSettings {
  readonly targetUrl: string;
  readonly maxConcurrentRequests: number;
  /** HubSpot's docs name `SECONDLY` or `ROLLING_MINUTE`; kept as given. */
  readonly period: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A developer's app: the secret its deliveries are signed with, and its webhook settings. */
export interface WebhookApp {
  readonly appId: number;
  readonly clientSecret: string;
  /** SHA-256 of the developer API key (`hapikey`) that manages its webhooks, when it has one. */
  readonly developerKeyHash: string | null;
  readonly createdAt: Date;
  readonly settings: WebhookSettings | null;
}

/** One of an app's webhook subscriptions. Ids are never reused, even after a delete. */
export interface StoredSubscription {
  readonly id: number;
  readonly appId: number;
  readonly eventType: string;
  readonly propertyName: string | null;
  readonly objectTypeId: string | null;
  readonly active: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type NewSubscription = Omit<StoredSubscription, 'id' | 'updatedAt'>;

/**
 * An event owed to one app through one of its subscriptions, as a write logs it. Its payload is
 * `head` followed by `keys` paired with `values`: the head is one object shared by the events of
 * one subscription in one write and the keys one array per kind of event, so that the log stores
 * each once per chunk of events rather than once per event.
 */
export interface LoggedWebhookEvent {
  readonly appId: number;
  readonly subscriptionId: number;
  /** The record it is about, so that deliveries can keep one record's events in order. */
  readonly objectTypeId: string;
  readonly objectId: RecordId;
  /** The payload's leading fields, without `eventId` (the log's) and `attemptNumber`. */
  readonly head: Readonly<Record<string, unknown>>;
  /** The names of the event's own fields, which follow the head's. */
  readonly keys: readonly string[];
  /** Their values, in the order of `keys`. */
  readonly values: readonly unknown[];
}

/** Apps and their webhook settings and subscriptions; they belong to no portal. */
export interface WebhookAdmin {
  /** Adds the app, or replaces its secret and key (its settings and subscriptions stay). */
  putApp(app: Omit<WebhookApp, 'settings'>): Promise<void>;
  getApp(appId: number): Promise<WebhookApp | null>;
  listApps(): Promise<WebhookApp[]>;
  /** Deletes the app with its settings and subscriptions; false when there was none. */
  deleteApp(appId: number): Promise<boolean>;
  /** Sets or clears (null) the app's settings; false when the app does not exist. */
  putWebhookSettings(appId: number, settings: WebhookSettings | null): Promise<boolean>;
  /** The app's subscriptions, oldest first. */
  listSubscriptions(appId: number): Promise<StoredSubscription[]>;
  insertSubscription(subscription: NewSubscription): Promise<StoredSubscription>;
  /** Sets `active` on those of the ids the app has; returns those, in the order asked. */
  setSubscriptionsActive(
    appId: number,
    changes: readonly { readonly id: number; readonly active: boolean }[],
    now: Date,
  ): Promise<StoredSubscription[]>;
  deleteSubscription(appId: number, id: number): Promise<boolean>;
}

/**
 * A chunk of events owed to an app, as the webhook event log hands it out for delivery: the log
 * keeps up to 100 events of one write for one app together, and delivers, retries and records
 * them together.
 */
export interface OwedChunk {
  /** The log's id for the chunk: its first event's `eventId` (the others follow it). */
  readonly id: string;
  readonly appId: number;
  /** 0 for the first try, then one more per retry. */
  readonly attemptNumber: number;
  readonly eventCount: number;
  /**
   * The events in the log's compact form (core/event-chunks.ts), expanded into payloads only as
   * the POST's body is written.
   */
  readonly events: string;
}

/** Where and how an app receives its events. */
export interface DeliveryTarget {
  readonly targetUrl: string;
  readonly clientSecret: string;
  readonly maxConcurrentRequests: number;
}

/** One POST's outcome, for the queue to record and to reschedule or settle its chunks. */
export interface DeliveryAttempt {
  readonly appId: number;
  /** The chunks the POST carried, all of their events. */
  readonly chunkIds: readonly string[];
  readonly startedAt: Date;
  readonly durationMs: number;
  /** The receiver's status, or null when it did not answer (refused, reset, timed out). */
  readonly status: number | null;
  /** Why it failed, in words, when it did. */
  readonly error: string | null;
  readonly delivered: boolean;
  /** When each chunk's next attempt is due; null once delivered or given up. */
  readonly retryAt: ReadonlyMap<string, Date | null>;
}

/** The durable side of delivery: what is owed, to whom, and what became of each attempt. */
export interface DeliveryQueue {
  /**
   * Up to `limit` chunks of events due at `now` to apps that have a target URL, oldest first,
   * leased until `leaseUntil` so that another deliverer (another process on the same store) does
   * not send them meanwhile.
   */
  due(now: Date, limit: number, leaseUntil: Date): Promise<OwedChunk[]>;
  /** The app's target, or null when it has none (its events wait until it has one). */
  targetOf(appId: number): Promise<DeliveryTarget | null>;
  /**
   * Records attempts and applies their `retryAt`; the chunks' leases end. Several at once: a
   * deliverer records the POSTs that ended together in one go.
   */
  settle(attempts: readonly DeliveryAttempt[]): Promise<void>;
  /**
   * Moves the lease of the chunks still leased until `leasedUntil` (the lease this deliverer
   * holds) to `until`, for a pass that outlasts its lease; a chunk whose lease ran out and went to
   * another deliverer is left alone. Resolves to how many it extended.
   */
  extendLease(chunkIds: readonly string[], leasedUntil: Date, until: Date): Promise<number>;
  /**
   * Drops up to `limit` chunks settled (delivered or given up) before `settledBefore`, oldest
   * first, with their attempts; resolves to how many it dropped. Pending chunks always stay.
   */
  prune(settledBefore: Date, limit: number): Promise<number>;
}

/** Where a logged event stands: still owed, delivered, or given up after its last retry. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One attempt at delivering one event, as the log recorded it. */
export interface RecordedAttempt {
  readonly attemptNumber: number;
  readonly startedAt: Date;
  readonly durationMs: number;
  /** The receiver's status, or null when it did not answer. */
  readonly statusCode: number | null;
  /** Null when the attempt delivered the event. */
  readonly error: string | null;
}

/** A logged event with its delivery state and attempts, for the control API. */
export interface LoggedDelivery {
  readonly eventId: number;
  readonly portalId: number;
  readonly appId: number;
  readonly subscriptionId: number;
  readonly objectTypeId: string;
  readonly objectId: RecordId;
  /** The payload as sent, with `eventId`, without `attemptNumber`. */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly status: DeliveryStatus;
  readonly createdAt: Date;
  /** When the next attempt is due; null once delivered or given up. */
  readonly nextAttemptAt: Date | null;
  /** Oldest first. */
  readonly attempts: readonly RecordedAttempt[];
}

/** Which logged events to list: newest first, those before `beforeEventId` when given. */
export interface DeliveryQuery {
  readonly appId?: number | undefined;
  readonly portalId?: number | undefined;
  readonly status?: DeliveryStatus | undefined;
  readonly beforeEventId?: number | undefined;
  readonly limit: number;
}

/** The webhook event log's delivery side: the queue the deliverer drains, and its listing. */
export interface WebhookDeliveryLog extends DeliveryQueue {
  listDeliveries(query: DeliveryQuery): Promise<LoggedDelivery[]>;
}

/** How a transaction may share its portal with others. */
export interface TransactionOptions {
  /**
   * The work writes association rows only (no record, label, limit or schema), between the
   * pairs `pairs` answers at most, and holds what it reads through `holdForPairWrites` before
   * reading it. An engine that can (PostgreSQL, when the pairs take few locks to hold) then runs
   * such transactions of a portal side by side, serialising only those that hold the same pair or
   * record. `pairs` is called only by an engine that holds pairs.
   */
  readonly pairWrites?: {
    readonly pairs: () => readonly RecordPair[];
    /**
     * The work removes whole pairs, whose rows it learns only from the removal: an engine that
     * plans a write's events before it reads (PostgreSQL's guessed writes) runs it unplanned
     * while anything follows changes.
     */
    readonly removesPairs?: boolean;
  };
}

/** The store port. Adapters (SQLite, PostgreSQL) implement it and pass one contract suite. */
export interface Store
  extends StoreReader, PortalAdmin, WebhookAdmin, WebhookDeliveryLog, JournalStore {
  /** Request counts for rate limits (in memory for SQLite, in the database for PostgreSQL). */
  readonly requestCounter: RequestCounter;
  /**
   * Runs `work` in one transaction. It is serialised with every other write to the same portal
   * (the portal its first call names; a transaction touches one portal), in every process,
   * except that transactions opened with `pairWrites` may run side by side with each other.
   */
  transaction<T>(
    work: (tx: StoreTransaction) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T>;
  /**
   * Sets what every transaction does after `work` and before it commits, when its change set is
   * not empty (the event log's writer, so that an acknowledged write always has its events).
   * A pair write (`pairWrites`) that no active subscription follows may leave its last statement
   * to run with its commit (PostgreSQL: a round trip fewer), so that the hook sees its change set
   * without that statement's changes, or does not run: a hook must need a transaction's changes
   * only where `activeSubscriptions` or `activeJournalSubscriptions` follow them, as the event
   * log's writer does.
   */
  setCommitHook(hook: CommitHook | null): void;
  /** Finishes pending work, that begun while it waits included, and closes the store. */
  close(): Promise<void>;
}
