// The API families served over the one engine: each is a row of this table, never a copy of
// handlers. Adding the next dated version is one more row.

/** A batch operation's success status, and whether partial failure answers 207. */
export interface BatchStatus {
  readonly success: 200 | 201;
  /** False where the family declares only the success status: failed inputs ride in its body. */
  readonly multiStatus: boolean;
}

/** A family's CRM objects API: where it is served, and its statuses. */
export interface ObjectsApi {
  readonly prefix: string;
  readonly batchCreate: BatchStatus;
  readonly batchRead: BatchStatus;
  readonly batchUpdate: BatchStatus;
  readonly batchUpsert: BatchStatus;
  /** Whether the family serves merge and GDPR delete (v3 and 2026-09-beta do). */
  readonly merge: boolean;
  readonly gdprDelete: boolean;
  /** Whether the family serves CRM search (`{objectType}/search`); every objects API does. */
  readonly search: boolean;
}

/** Families with v3's shape: type names (`contact_to_company`) instead of type ids. */
export interface V3Family {
  readonly name: string;
  readonly shape: 'v3';
  readonly prefixes: {
    /** Batch create, read, archive and the types list. */
    readonly associations: readonly string[];
    /** Record-level operations: GET list, PUT and DELETE of one named type. */
    readonly records: readonly string[];
  };
  readonly objects: ObjectsApi;
  readonly batchCreate: BatchStatus;
  readonly batchRead: BatchStatus;
  /** batch/archive: 204 with no body. */
  readonly archiveStatus: 204;
}

/** Families with v4's shape (`associationCategory` + `associationTypeId`), and how each differs. */
export interface V4Family {
  readonly name: string;
  readonly shape: 'v4';
  readonly prefixes: {
    /** Batch operations and the high-usage report. */
    readonly batch: readonly string[];
    /** Record-level operations: GET list, PUT labelled, PUT default, DELETE. */
    readonly records: readonly string[];
    /** The schema API: labels and limit configurations. */
    readonly schema: readonly string[];
  };
  /** This family's own CRM objects API, where it has one. */
  readonly objects: ObjectsApi | null;
  readonly batchCreate: BatchStatus;
  readonly batchRead: BatchStatus;
  /** batch/archive and batch/labels/archive: 204 with no body, or 200 with an empty batch body. */
  readonly archiveStatus: 200 | 204;
  /** Limit configurations batch/create and batch/update. */
  readonly limitsCreate: BatchStatus;
  readonly limitsUpdate: BatchStatus;
  /** Whether `AssociationSpecWithLabel` carries `fromObjectTypeId`/`toObjectTypeId`. */
  readonly typeObjectIds: {
    /** In association reads (GET list, batch read). */
    readonly reads: boolean;
    /** In label lists (the schema API). */
    readonly labels: boolean;
  };
}

export type Family = V3Family | V4Family;

const CREATED_OR_MULTI: BatchStatus = { success: 201, multiStatus: true };
const CREATED_ONLY: BatchStatus = { success: 201, multiStatus: false };
const OK_OR_MULTI: BatchStatus = { success: 200, multiStatus: true };
const OK_ONLY: BatchStatus = { success: 200, multiStatus: false };

/**
 * The objects API's statuses: batch create answers 201 whole; reads and updates may answer 207,
 * except where the family declares 200 only.
 */
function objectsAt(
  prefix: string,
  partial: BatchStatus = OK_OR_MULTI,
  extras: { merge: boolean; gdprDelete: boolean } = { merge: false, gdprDelete: false },
): ObjectsApi {
  const statuses = { batchRead: partial, batchUpdate: partial, batchUpsert: partial };
  return { prefix, batchCreate: CREATED_ONLY, ...statuses, ...extras, search: true };
}

/** Merge and GDPR delete, where the family's definitions (or the official SDK) declare them. */
const MERGE_AND_GDPR = { merge: true, gdprDelete: true };

/** A dated version: every path under /crm/associations/{name} and /crm/objects/{name}. */
function dated(
  name: string,
  differences: Omit<V4Family, 'name' | 'shape' | 'prefixes' | 'objects'>,
  objectsExtras?: { merge: boolean; gdprDelete: boolean },
) {
  const prefixes = {
    batch: [`/crm/associations/${name}`],
    records: [`/crm/objects/${name}`],
    schema: [`/crm/associations/${name}`],
  };
  const objects = objectsAt(`/crm/objects/${name}`, differences.batchRead, objectsExtras);
  return {
    name,
    shape: 'v4',
    prefixes,
    objects,
    ...differences,
  } as const satisfies V4Family;
}

export const V3: V3Family = {
  name: 'v3',
  shape: 'v3',
  prefixes: { associations: ['/crm/v3/associations'], records: ['/crm/v3/objects'] },
  objects: objectsAt('/crm/v3/objects', OK_OR_MULTI, MERGE_AND_GDPR),
  batchCreate: CREATED_OR_MULTI,
  batchRead: OK_OR_MULTI,
  archiveStatus: 204,
};

export const V4: V4Family = {
  name: 'v4',
  shape: 'v4',
  prefixes: {
    batch: ['/crm/v4/associations'],
    records: ['/crm/v4/objects'],
    // The schema spec spells /crm/associations/v4; the docs, the flexible spec and the official
    // SDK spell /crm/v4/associations. Both are served.
    schema: ['/crm/associations/v4', '/crm/v4/associations'],
  },
  objects: null,
  batchCreate: CREATED_OR_MULTI,
  batchRead: OK_OR_MULTI,
  archiveStatus: 204,
  limitsCreate: CREATED_OR_MULTI,
  limitsUpdate: OK_OR_MULTI,
  typeObjectIds: { reads: true, labels: true },
};

/**
 * Every family, as HubSpot's published definitions declare them. The dated versions answer
 * archives with 200 and a batch body; 2025-09's schema API and all of 2026-09
 * declare 200 only for their batch writes and drop the object type ids from
 * `AssociationSpecWithLabel`; 2026-09's objects API declares 200 only for batch reads and
 * updates too (the dated objects API follows its family's batch read status).
 */
export const FAMILIES: readonly Family[] = [
  V3,
  V4,
  dated('2025-09', {
    batchCreate: CREATED_OR_MULTI,
    batchRead: OK_OR_MULTI,
    archiveStatus: 200,
    limitsCreate: OK_ONLY,
    limitsUpdate: OK_ONLY,
    typeObjectIds: { reads: true, labels: false },
  }),
  dated('2026-03', {
    batchCreate: CREATED_OR_MULTI,
    batchRead: OK_OR_MULTI,
    archiveStatus: 200,
    limitsCreate: CREATED_OR_MULTI,
    limitsUpdate: OK_OR_MULTI,
    typeObjectIds: { reads: true, labels: true },
  }),
  dated('2026-09', {
    batchCreate: OK_ONLY,
    batchRead: OK_ONLY,
    archiveStatus: 200,
    limitsCreate: OK_ONLY,
    limitsUpdate: OK_ONLY,
    typeObjectIds: { reads: false, labels: false },
  }),
  // The beta adds object CRUD, labels and configurations to one file, with 2026-03's shapes.
  dated(
    '2026-09-beta',
    {
      batchCreate: CREATED_OR_MULTI,
      batchRead: OK_OR_MULTI,
      archiveStatus: 200,
      limitsCreate: CREATED_OR_MULTI,
      limitsUpdate: OK_OR_MULTI,
      typeObjectIds: { reads: true, labels: true },
    },
    MERGE_AND_GDPR,
  ),
];
