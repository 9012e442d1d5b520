// The per-portal sequences of the SQLite store: record ids, label type ids and custom object schema ids, never reused.
import { FIRST_RECORD_ID } from '../record-ids.js';
import type { Prepare } from './sqlite-schema.js';

/** Takes `count` values of one of the portal's sequences; returns the first. */
export function takeFromSequence(
  prepare: Prepare,
  portalId: number,
  sequence: 'next_record_id' | 'next_label_type_id' | 'next_schema_id',
  count: number,
): number {
  // A portal first named by a write is created with the default name, at the database's time.
  prepare(
    `INSERT OR IGNORE INTO portals (id, next_record_id, name, created_at)
     VALUES (?, ?, 'portal ' || CAST(? AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER))`,
  ).run(portalId, FIRST_RECORD_ID, portalId);
  const next = prepare(
    `UPDATE portals SET ${sequence} = ${sequence} + ? WHERE id = ? RETURNING ${sequence}`,
  )
    .pluck()
    .get(count, portalId) as number;
  return next - count;
}
