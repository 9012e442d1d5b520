// Guessed pair writes of one portal that arrive together, sent as one transaction in one round trip.
import type { Pool, QueryResult, QueryResultRow } from 'pg';
import {
  GuessAbandoned,
  SETTINGS_UNCHANGED,
  isKeyHeld,
  isWrongGuess,
  type PairWriteSettings,
} from './pair-write-guess.js';
import { PortalLock, SHARED_HOLD_KEYS } from './portal-lock.js';
import { integerLiteral, valueLiteral } from './sql-literals.js';
import {
  checkOut,
  executeOf,
  executeRun,
  handBack,
  literalOf,
  type PreparedRun,
  type SessionStatement,
} from './transaction-connection.js';

/**
 * Why: a transaction costs PostgreSQL its BEGIN, its locks, its snapshot and its COMMIT, and the
 * process a round trip, whatever it writes: two pair writes' statements sent as one transaction
 * cost each write two thirds of the PostgreSQL CPU and the process CPU they cost apart
 * (`npm run bench:one-call`). SQLite's store shares a commit among the writes queued behind one
 * (commit-groups.ts); this does the same for guessed writes on PostgreSQL. A portal's first
 * guessed write goes at once; those that arrive while it is in flight wait, and go together as
 * the next group when it is back. A group holds every key its writes hold, in one statement
 * that waits for none (a group waiting on a pair another process holds would keep the portal's
 * next writes waiting behind it), and commits or rolls back as one: a key held elsewhere or a
 * wrong guess in it fails them all, and each runs again unguessed, alone, waiting its turn, where
 * any error is its own.
 */

/** A guessed transaction, planned and ready to send. */
export interface GuessedWrite {
  readonly portalId: number;
  /** The settings version it was planned on (`pair_write_settings`). */
  readonly version: number;
  /** The keys it holds (`holdKeysOf`), before its assertions run. */
  readonly holdKeys: readonly string[];
  /** What it asserts of the rows it guessed, after the hold. */
  readonly assertions: readonly PreparedRun[];
  /** Its last statement, whose rows `send` answers. */
  readonly last: PreparedRun | null;
  /** Its writes after the last statement (its events), whose rows nobody reads. */
  readonly after: readonly PreparedRun[];
}

interface Waiting {
  readonly write: GuessedWrite;
  readonly resolve: (rows: QueryResultRow[]) => void;
  readonly reject: (error: unknown) => void;
}

/** A portal's guessed writes waiting to go, and whether a group of them is in flight. */
interface PortalGroups {
  readonly waiting: Waiting[];
  inFlight: boolean;
}

/** The most writes in one group: its statement text stays small. */
const MOST_WRITES = 32;

/** A group's hold, which `PortalLock.holdKeysNow` takes, named as a session statement. */
const GROUP_HOLD: SessionStatement = {
  name: 'has_group_hold',
  sql: PortalLock.holdKeysNow('$1'),
  types: ['text[]'],
};

export class GuessGroups {
  readonly #pool: Pool;
  readonly #locks: PortalLock;
  readonly #settings: PairWriteSettings;
  readonly #portals = new Map<number, PortalGroups>();

  constructor(pool: Pool, locks: PortalLock, settings: PairWriteSettings) {
    this.#pool = pool;
    this.#locks = locks;
    this.#settings = settings;
  }

  /** Sends the write with those of its portal that wait beside it; answers its last statement's rows. */
  send(write: GuessedWrite): Promise<QueryResultRow[]> {
    return new Promise((resolve, reject) => {
      let portal = this.#portals.get(write.portalId);
      if (!portal) this.#portals.set(write.portalId, (portal = { waiting: [], inFlight: false }));
      portal.waiting.push({ write, resolve, reject });
      if (!portal.inFlight) void this.#sendNext(write.portalId, portal);
    });
  }

  /** Sends the writes waiting at the head of the portal's queue, then the next ones. */
  async #sendNext(portalId: number, portal: PortalGroups): Promise<void> {
    portal.inFlight = true;
    let answer: (() => void) | null = null;
    let sentNext = false;
    try {
      answer = await this.#sendGroup(portalId, takeGroup(portal.waiting));
    } finally {
      portal.inFlight = false;
      sentNext = portal.waiting.length > 0;
      if (sentNext) void this.#sendNext(portalId, portal);
      else this.#portals.delete(portalId);
    }
    // Why: answering a group's writes (their HTTP answers, all on this thread) would otherwise
    // run before the next group leaves, whose connection the pool hands over on a later tick;
    // answered after it, they overlap its round trip (PUT labelled over HTTP at 10 connections:
    // 10–14% more writes a second, the same CPU per write; docs/performance.md).
    if (answer && sentNext) setImmediate(answer);
    else answer?.();
  }

  /**
   * One transaction for the group's writes. Refuses each of them when it fails, and never throws;
   * when it commits, returns the function that settles them with their rows.
   */
  async #sendGroup(portalId: number, group: readonly Waiting[]): Promise<(() => void) | null> {
    let checkedOut;
    try {
      checkedOut = await checkOut(this.#pool, this.#locks, portalId, 'shared');
    } catch (error) {
      for (const member of group) member.reject(error);
      return null;
    }
    const { client } = checkedOut;
    const lastAt: number[] = [];
    let results: QueryResult<QueryResultRow>[];
    try {
      const statements: string[] = [];
      for (const version of new Set(group.map(({ write }) => write.version))) {
        statements.push(await executeOf(client, SETTINGS_UNCHANGED, [integerLiteral(version)]));
      }
      const keys = group.flatMap(({ write }) => write.holdKeys);
      if (keys.length > 0) {
        statements.push(
          await executeOf(client, GROUP_HOLD, [valueLiteral(keys, literalOf(client))]),
        );
      }
      // Each write's assertions see the writes before it in the group, as if it ran after them.
      for (const { write } of group) {
        for (const run of write.assertions) statements.push(await executeRun(client, run));
        lastAt.push(write.last ? statements.length : -1);
        if (write.last) statements.push(await executeRun(client, write.last));
        for (const run of write.after) statements.push(await executeRun(client, run));
      }
      results = await PortalLock.run(client, portalId, 'shared', [...statements, 'COMMIT']);
    } catch (error) {
      if (isWrongGuess(error)) this.#settings.guessedWrong(portalId);
      // The statement that failed ended the rest; once rolled back, the connection is as good
      // as before.
      const rolledBack = await client.query('ROLLBACK').then(
        () => true,
        () => false,
      );
      handBack(checkedOut, !rolledBack);
      // A held key says nothing of the guess: its writes run again alone, and wait their turn.
      const failure =
        group.length === 1 && !isKeyHeld(error)
          ? error
          : new GuessAbandoned('its group failed', { cause: error });
      for (const member of group) member.reject(failure);
      return null;
    }
    handBack(checkedOut, false);
    if (results.at(-1)?.command !== 'COMMIT') {
      const error = new Error('the transaction was rolled back');
      for (const member of group) member.reject(error);
      return null;
    }
    this.#settings.guessedRight(portalId);
    return () => {
      group.forEach((member, index) => {
        member.resolve(results[lastAt[index] ?? -1]?.rows ?? []);
      });
    };
  }
}

/**
 * The writes at the head of the queue that one group takes: at least one, and no more than
 * `MOST_WRITES` or than hold `SHARED_HOLD_KEYS` keys between them (PostgreSQL's lock table is
 * small; see `SHARED_HOLD_KEYS`).
 */
function takeGroup(waiting: Waiting[]): Waiting[] {
  let count = 0;
  let keys = 0;
  for (const { write } of waiting) {
    if (count === MOST_WRITES) break;
    if (count > 0 && keys + write.holdKeys.length > SHARED_HOLD_KEYS) break;
    keys += write.holdKeys.length;
    count++;
  }
  return waiting.splice(0, count);
}
