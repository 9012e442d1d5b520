// The column lists of the records and associations tables, the same in every store adapter.

/** The columns a record is read from and exported with, after the portal. */
export const RECORD_COLUMNS = 'object_type_id, id, properties, created_at, updated_at, archived_at';

/** An association row's columns after the portal: its whole key, in key order. */
export const ASSOCIATION_COLUMNS = 'from_type, from_id, to_type, to_id, category, type_id';
