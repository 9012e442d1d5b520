// The API families served over the one engine: each is a row, never a copy of handlers.

/** One family: where its operations live and the small ways it differs from its shape. */
export interface Family {
  readonly name: string;
  /** Prefix of the batch association operations, e.g. '/crm/v4/associations'. */
  readonly associationsPrefix: string;
  /** Prefix of the record-level association operations, e.g. '/crm/v4/objects'. */
  readonly objectsPrefix: string;
  /** Status of batch/archive and batch/labels/archive on success. */
  readonly batchArchiveStatus: 200 | 204;
}

export const V4: Family = {
  name: 'v4',
  associationsPrefix: '/crm/v4/associations',
  objectsPrefix: '/crm/v4/objects',
  batchArchiveStatus: 204,
};

/** Every family whose operations have the v4 shape. */
export const V4_SHAPED_FAMILIES: readonly Family[] = [V4];
