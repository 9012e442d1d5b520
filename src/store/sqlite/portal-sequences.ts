// The per-portal sequences of the SQLite store: record ids and label type ids, never reused.
import { FIRST_RECORD_ID } from '../record-ids.js';
import type { Prepare } from './sqlite-schema.js';

/** Takes `count` values of one of the portal's sequences; returns the first. */
export function takeFromSequence(
  prepare: Prepare,
  portalId: number,
  sequence: 'next_record_id' | 'next_label_type_id',
  count: number,
): number {
  prepare('INSERT OR IGNORE INTO portals (id, next_record_id) VALUES (?, ?)').run(
    portalId,
    FIRST_RECORD_ID,
  );
  const next = prepare(
    `UPDATE portals SET ${sequence} = ${sequence} + ? WHERE id = ? RETURNING ${sequence}`,
  )
    .pluck()
    .get(count, portalId) as number;
  return next - count;
}
