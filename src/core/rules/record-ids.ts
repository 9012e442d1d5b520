// Parses record ids as clients send them: digits, as a JSON string or number.
import type { RecordId } from '../model.js';

const DIGITS = /^[0-9]{1,16}$/;

/** The id as a number, or null when it cannot name any record (not a safe positive integer). */
export function parseRecordId(raw: string | number): RecordId | null {
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  if (!DIGITS.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
