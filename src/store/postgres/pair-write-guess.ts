// A pair write sent in one round trip: planned on what the process last read and asserted with COMMIT.
import type { QueryResultRow } from 'pg';
import { hasErrorCode } from './error-codes.js';
import type { SessionStatement } from './transaction-connection.js';

/**
 * Why: a pair write is a handful of statements, and each round trip costs PostgreSQL about 50 µs
 * of CPU and the process as much again (docs/performance.md), four of them per PUT labelled. A
 * small pair write whose portal has no limits is planned as if its pairs were new: its records
 * live, its pairs without rows, the portal's labels and the active subscriptions as this process
 * last read them. Its reads are answered by that guess and each becomes an assertion
 * (`has_assume`, migration 16) sent with its writes and COMMIT in one round trip, after the hold
 * and under the same locks as a write that reads first, beside the guessed writes of its portal
 * that wait with it (guess-groups.ts). Its insert asserts that it inserted every row, so the
 * events of those rows go in the same round trip. One that fails rolls the transaction back
 * with `GUESS_WRONG`, and the write runs again as before: nothing it planned was kept. A
 * statement the guess cannot stand for (a delete, whose events need the rows it finds; a read of
 * records for a journal filter) abandons the guess before anything is sent, and so does work
 * that fails: its error may come of the guess (a label made since the process read the
 * portal's).
 */

/** Most pairs a write may name to be guessed: its rows go with COMMIT, written in as literals. */
export const GUESSED_PAIRS = 10;

/** The error code `has_assume` raises. */
const GUESS_WRONG = 'HA001';

/** The opening read of a pair write (`PAIR_WRITE_OPENING_READ`), as the process last read it. */
export interface PairWriteSettingsRow extends QueryResultRow {
  readonly labels: unknown[];
  readonly limits: unknown[];
  readonly webhooks: unknown[];
  readonly journal: unknown[];
  /** `pair_write_settings.version` when it was read. */
  readonly settings_version: number;
}

/** The most portals whose settings a process keeps; the oldest read is dropped first. */
const REMEMBERED_PORTALS = 10_000;

/** The most writes of a portal left unguessed after guesses of it went wrong in a row. */
const MOST_SKIPPED = 1024;

/**
 * Each portal's opening read as this process last saw it, for writes to guess on, and how its
 * guesses fare. why: a write of a pair that has rows (an integration that PUTs the same
 * associations on every sync) fails its guess and runs again, at about twice an unguessed
 * write's cost; after each wrong guess in a row, twice as many of the portal's writes go
 * unguessed (up to `MOST_SKIPPED`), and a right one ends that.
 */
export class PairWriteSettings {
  readonly #byPortal = new Map<number, PairWriteSettingsRow>();
  /** Portals whose last guesses went wrong: how many writes to skip after each, and how many left. */
  readonly #skipping = new Map<number, { skip: number; left: number }>();

  remember(portalId: number, row: PairWriteSettingsRow): void {
    setLatest(this.#byPortal, portalId, row);
  }

  /**
   * The portal's settings when a write may be guessed on them: none of its rows can be counted
   * against a limit (a limit's count is a read no assertion stands for), and a write that
   * `removesPairs` has no events to log (they need the rows only the removal finds).
   */
  guessable(portalId: number, removesPairs = false): PairWriteSettingsRow | undefined {
    const skipping = this.#skipping.get(portalId);
    if (skipping && skipping.left > 0) {
      skipping.left--;
      return undefined;
    }
    const row = this.#byPortal.get(portalId);
    if (row === undefined) return undefined;
    if (row.limits.length > 0) return undefined;
    const followed = row.webhooks.length + row.journal.length > 0;
    return removesPairs && followed ? undefined : row;
  }

  /** A guess of the portal's committed. */
  guessedRight(portalId: number): void {
    this.#skipping.delete(portalId);
  }

  /** A guess of the portal's failed an assertion. */
  guessedWrong(portalId: number): void {
    const skip = Math.min(2 * (this.#skipping.get(portalId)?.skip ?? 0) || 1, MOST_SKIPPED);
    setLatest(this.#skipping, portalId, { skip, left: skip });
  }
}

/** Sets a portal's entry as the latest, dropping the one set longest ago past the bound. */
function setLatest<V>(byPortal: Map<number, V>, portalId: number, value: V): void {
  byPortal.delete(portalId);
  byPortal.set(portalId, value);
  if (byPortal.size > REMEMBERED_PORTALS) {
    const [oldest] = byPortal.keys();
    if (oldest !== undefined) byPortal.delete(oldest);
  }
}

/** A guessed write met what it could not stand for before sending anything: run it as before. */
export class GuessAbandoned extends Error {
  constructor(why: string, options?: ErrorOptions) {
    super(`a guessed pair write was abandoned: ${why}`, options);
  }
}

/** The error code of a group's hold that found a key held (`has_keys_free`, migration 17). */
const KEY_HELD = 'HA002';

/** Whether a group of guessed writes found a key it holds held elsewhere. */
export function isKeyHeld(error: unknown): boolean {
  return hasErrorCode(error, KEY_HELD);
}

/** Whether a guessed write failed an assertion. */
export function isWrongGuess(error: unknown): boolean {
  return hasErrorCode(error, GUESS_WRONG);
}

/** Whether a guessed write failed an assertion, or was abandoned; either runs again as before. */
export function isGuessFailure(error: unknown): boolean {
  return error instanceof GuessAbandoned || isWrongGuess(error);
}

/** The first assertion of every guess: the settings it was planned on are current. */
export const SETTINGS_UNCHANGED: SessionStatement = {
  name: 'has_guess_settings',
  sql: 'SELECT has_assume(version = $1) FROM pair_write_settings WHERE only_row = true',
  types: ['bigint'],
};

/** Names for assertions' texts, prepared per connection as the store's session statements are. */
const ASSERTION_NAMES = new Map<string, string>();
const MAX_ASSERTIONS = 128;

/** An assertion `holds` (SQL that is true when the guess was right) over `sql`'s rows, named. */
export function assertion(sql: string, holds: string): SessionStatement {
  const text = `SELECT has_assume(${holds}) FROM (${sql}) AS guessed`;
  let name = ASSERTION_NAMES.get(text);
  if (name === undefined) {
    if (ASSERTION_NAMES.size >= MAX_ASSERTIONS) throw new GuessAbandoned('too many assertions');
    name = `has_guess_${ASSERTION_NAMES.size}`;
    ASSERTION_NAMES.set(text, name);
  }
  return { name, sql: text, types: [] };
}
