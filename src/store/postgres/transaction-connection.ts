// The connection of one write transaction: opened and locked for its portal at the first
// statement, committed or rolled back and handed back to the pool at the end.
import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { PortalLock, type PortalLockMode } from './portal-lock.js';
import type { GuessGroups } from './guess-groups.js';
import {
  GuessAbandoned,
  type PairWriteSettings,
  type PairWriteSettingsRow,
} from './pair-write-guess.js';
import { integerLiteral, type Literal } from './sql-literals.js';

/**
 * Names for the statement texts pair writes run, so that each connection parses a text once: the
 * driver prepares a named statement on a connection the first time and then only binds and
 * executes it, and PostgreSQL keeps a plan where one made once does as well as one made for the
 * values. Parsing and planning were most of PostgreSQL's work per single write. Pair writes name
 * theirs, and keep their plans (`PortalLock.begin`): their statements look rows up by key, with
 * sequential scans off, so no kept plan can be a scan made while a table was nearly empty. The
 * hottest reads name theirs too, and are planned for their values each time (the pool's
 * connections plan every named statement anew unless a pair write says otherwise): they skip the
 * parsing. Other writes' statements (a unique value's
 * lookup among a type's records, a large batch's arrays) are planned for their values each time,
 * as before. The texts come from a bounded set of shapes; past
 * `MAX_NAMED_STATEMENTS`, new ones run unnamed, so that neither this map nor any connection's
 * prepared statements grow without end.
 */
const STATEMENT_NAMES = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 256;

export function statementName(sql: string): string | undefined {
  let name = STATEMENT_NAMES.get(sql);
  if (name === undefined && STATEMENT_NAMES.size < MAX_NAMED_STATEMENTS) {
    name = `has_${STATEMENT_NAMES.size}`;
    STATEMENT_NAMES.set(sql, name);
  }
  return name;
}

/**
 * A statement sent in the round trip of `BEGIN` or `COMMIT`, named and prepared once per
 * connection: a round trip of several statements takes no parameters, so its values are written
 * in as literals of an `EXECUTE`. Sent as text instead, PostgreSQL would plan it on every run,
 * which cost as much as the round trip it saved (docs/performance.md).
 */
export interface SessionStatement {
  readonly name: string;
  /** The statement, with parameters `$1`… of `types`. */
  readonly sql: string;
  readonly types: readonly string[];
}

/** The driver's escaping of literals on `client`. */
export function literalOf(client: PoolClient): Literal {
  return (text) => client.escapeLiteral(text);
}

/** The session statements prepared on each connection (a pool hands out the same clients). */
const PREPARED = new WeakMap<PoolClient, Set<string>>();

/** `EXECUTE` of the statement with `args` (SQL literals), preparing it first on a new connection. */
export async function executeOf(
  client: PoolClient,
  statement: SessionStatement,
  args: readonly string[],
): Promise<string> {
  let names = PREPARED.get(client);
  if (!names) PREPARED.set(client, (names = new Set()));
  if (!names.has(statement.name)) {
    // With no types listed, PostgreSQL infers each parameter's from where the statement uses it.
    const types = statement.types.length > 0 ? `(${statement.types.join(', ')})` : '';
    await client.query(`PREPARE ${statement.name}${types} AS ${statement.sql}`);
    names.add(statement.name);
  }
  return `EXECUTE ${statement.name}(${args.join(', ')})`;
}

/** A prepared statement to run, with its arguments written by `args`. */
export interface PreparedRun {
  readonly statement: SessionStatement;
  readonly args: (literal: Literal) => string[];
}

/** `EXECUTE` of the run's statement, its arguments written with the client's escaping. */
export function executeRun(client: PoolClient, run: PreparedRun): Promise<string> {
  return executeOf(client, run.statement, run.args(literalOf(client)));
}

/** A statement left to run with COMMIT, and what takes its rows once it has run. */
interface CommitRun extends PreparedRun {
  readonly onRows: (rows: QueryResultRow[]) => void;
}

/** A connection of the pool, checked out with the portal's turn in this process. */
export interface CheckedOut {
  readonly client: PoolClient;
  /** Lets this process's next transaction of the portal in. */
  readonly unlock: () => void;
  /** An error the connection reported between statements, which dooms the connection. */
  readonly failure: { error?: Error };
  readonly onError: (error: Error) => void;
}

interface Opened extends CheckedOut {
  /** The first row of the opening read, when the transaction has one. */
  readonly opening: QueryResultRow | undefined;
}

/** Waits for the portal's turn in this process, then checks a connection out of the pool. */
export async function checkOut(
  pool: Pool,
  locks: PortalLock,
  portalId: number,
  mode: PortalLockMode,
  ahead = false,
): Promise<CheckedOut> {
  const unlock = await locks.acquire(portalId, mode, ahead);
  try {
    const client = await pool.connect();
    const failure: CheckedOut['failure'] = {};
    const onError = (error: Error) => {
      failure.error = error;
    };
    // A checked-out connection has no listener; without one its error would end the process.
    client.on('error', onError);
    return { client, unlock, failure, onError };
  } catch (error) {
    unlock();
    throw error;
  }
}

/**
 * Hands the connection back to the pool, to be closed when `broken` or when it reported an
 * error, and lets the portal's next transaction in.
 */
export function handBack({ client, unlock, failure, onError }: CheckedOut, broken: boolean): void {
  client.off('error', onError);
  client.release(broken || failure.error);
  unlock();
}

/** A guessed transaction (pair-write-guess.ts): what it was planned on and what it will send. */
interface Guess {
  readonly settings: PairWriteSettingsRow;
  /** Where it is sent. */
  readonly groups: GuessGroups;
  /** The keys it holds, taken after the opening. */
  readonly holdKeys: string[];
  /** Its assertions, in order, sent after the hold and before the writes. */
  readonly assertions: PreparedRun[];
  /** Its writes after the statement left for COMMIT (its events), rows unread. */
  readonly after: PreparedRun[];
  /** Why the guess could not go on, once it could not; it then sends nothing. */
  abandoned: string | null;
}

/**
 * The connection of one write transaction. It is taken from the pool at the first statement,
 * which names the portal, and holds the portal's lock (in its mode) until `finish`. A guessed
 * one takes nothing until `finish`, which sends the whole transaction in one round trip.
 */
export class TransactionConnection {
  readonly #pool: Pool;
  readonly #locks: PortalLock;
  /** How the transaction holds its portal. */
  readonly mode: PortalLockMode;
  #portalId: number | null = null;
  #opened: Promise<Opened> | null = null;
  #atCommit: CommitRun | null = null;
  /** The statement left for the commit and run early instead, once it has run. */
  #ranAtCommit: Promise<void> = Promise.resolve();

  readonly #openingRead: SessionStatement | undefined;
  readonly #removesPairs: boolean;
  readonly #ahead: boolean;
  /** Where opening reads are remembered, and guesses found. */
  readonly #settings: PairWriteSettings | undefined;
  /** Where guessed transactions are sent; a transaction without is never guessed. */
  readonly #groups: GuessGroups | undefined;
  /** Decided at the first statement: undefined until then, null when not guessed. */
  #guess: Guess | null | undefined;

  /**
   * With `openingRead` (whose one parameter is the portal id, a bigint), the transaction runs that
   * statement in the round trip that opens it, after taking the lock (`openingRow` has its row).
   * With `ahead`, it waits for the lock first in this process's queue (`PortalLock.acquire`).
   * `settings` remembers each portal's opening read; with `guesses`, a write of a portal whose
   * remembered settings allow it is guessed on them (`PairWriteSettings.guessable`), and sent
   * with the writes beside it (`GuessGroups`).
   */
  constructor(
    pool: Pool,
    locks: PortalLock,
    mode: PortalLockMode,
    options: {
      readonly openingRead?: SessionStatement | undefined;
      readonly ahead?: boolean;
      readonly settings?: PairWriteSettings;
      readonly guesses?: GuessGroups | undefined;
      /** The work removes whole pairs (`TransactionOptions`): guessed only if nothing follows. */
      readonly removesPairs?: boolean;
    } = {},
  ) {
    this.#pool = pool;
    this.#locks = locks;
    this.mode = mode;
    this.#openingRead = options.openingRead;
    this.#ahead = options.ahead ?? false;
    this.#settings = options.settings;
    this.#removesPairs = options.removesPairs ?? false;
    this.#groups = options.guesses;
  }

  /** Whether the transaction was guessed, once its first statement decided it. */
  get guessed(): boolean {
    return this.#guess !== null && this.#guess !== undefined;
  }

  /** Whether the transaction is guessed, deciding it at its first statement. */
  guessing(portalId: number): boolean {
    return this.#guessOf(portalId) !== null;
  }

  #guessOf(portalId: number): Guess | null {
    if (this.#guess === undefined) {
      this.#claim(portalId);
      const groups = this.#opened === null ? this.#groups : undefined;
      const settings = groups && this.#settings?.guessable(portalId, this.#removesPairs);
      this.#guess =
        groups && settings
          ? { settings, groups, holdKeys: [], assertions: [], after: [], abandoned: null }
          : null;
    } else if (this.#guess !== null) {
      this.#claim(portalId);
    }
    return this.#guess;
  }

  /** Sends `statement` after the guess's hold and assertions so far; only while guessing. */
  assume(portalId: number, statement: SessionStatement, args: (literal: Literal) => string[]) {
    this.#guessing(portalId).assertions.push({ statement, args });
  }

  /**
   * Sends `statement` in the guess's round trip after the statement left for COMMIT, its rows
   * unread; only while guessing. For a write that nothing needs the rows or errors of before the
   * commit, built from what the guess asserts (a write's events, from the rows it inserts).
   */
  writeAfter(portalId: number, statement: SessionStatement, args: (literal: Literal) => string[]) {
    this.#guessing(portalId).after.push({ statement, args });
  }

  /** Holds `keys` (`holdKeysOf`) before the guess's assertions; only while guessing. */
  assumeHold(portalId: number, keys: readonly string[]) {
    this.#guessing(portalId).holdKeys.push(...keys);
  }

  #guessing(portalId: number): Guess {
    const guess = this.#guessOf(portalId);
    if (guess === null) throw new Error('only a guessed transaction assumes');
    return guess;
  }

  /** Ends the guess: nothing was sent, and the transaction will run again unguessed. */
  #abandon(guess: Guess, why: string): never {
    guess.abandoned ??= why;
    throw new GuessAbandoned(why);
  }

  /** The first row of the opening read, opening the transaction for the portal if need be. */
  async openingRow(portalId: number): Promise<QueryResultRow | undefined> {
    const guess = this.#guessOf(portalId);
    if (guess) return guess.settings;
    return (await this.#open(portalId)).opening;
  }

  /**
   * Opens the transaction for the portal with `statement` run in the same round trip, after the
   * lock and the opening read, its arguments written in as literals by `args`. Runs nothing and
   * answers false when the transaction is open already.
   */
  async openWith(
    portalId: number,
    statement: SessionStatement,
    args: (literal: Literal) => string[],
  ): Promise<boolean> {
    if (this.#opened !== null) return false;
    const guess = this.#guessOf(portalId);
    if (guess) this.#abandon(guess, 'a statement the guess does not stand for');
    await this.#open(portalId, { statement, args });
    return true;
  }

  /**
   * Leaves `statement` to run in the round trip of COMMIT, its arguments written in as literals
   * by `args`; `onRows` takes its rows once it has run. Any statement run before the commit
   * (another left for it included) runs it first, and a rollback drops it. why: a write's last
   * statement then costs no round trip of its own; the caller must need neither its rows nor its
   * errors before the commit (a failure fails the commit, and the transaction with it).
   */
  async runWithCommit(
    portalId: number,
    statement: SessionStatement,
    args: (literal: Literal) => string[],
    onRows: (rows: QueryResultRow[]) => void,
  ): Promise<void> {
    const guess = this.#guessOf(portalId);
    if (guess) {
      if (this.#atCommit !== null) this.#abandon(guess, 'a second statement for COMMIT');
      this.#atCommit = { statement, args, onRows };
      return;
    }
    const { client } = await this.#open(portalId);
    await this.#runAtCommitNow(client);
    this.#atCommit = { statement, args, onRows };
  }

  /** Runs one statement inside the transaction, opening it for the portal on first use. */
  async query<R extends QueryResultRow>(
    portalId: number,
    sql: string,
    params: readonly unknown[],
  ): Promise<R[]> {
    const guess = this.#guessOf(portalId);
    if (guess) this.#abandon(guess, 'a statement the guess does not stand for');
    const { client } = await this.#open(portalId);
    await this.#runAtCommitNow(client);
    const name = this.mode === 'shared' ? statementName(sql) : undefined;
    return (await client.query<R>({ name, text: sql, values: params as unknown[] })).rows;
  }

  /**
   * Runs the statement left for the commit now, before another; statements sent meanwhile (side
   * by side on the transaction) wait for it too.
   */
  #runAtCommitNow(client: PoolClient): Promise<void> {
    const run = this.#atCommit;
    if (run !== null) {
      this.#atCommit = null;
      this.#ranAtCommit = (async () => {
        const execute = await executeRun(client, run);
        run.onRows((await client.query<QueryResultRow>(execute)).rows);
      })();
    }
    return this.#ranAtCommit;
  }

  /** The transaction's connection, opened for the portal at the first call (running `then`). */
  #open(portalId: number, then?: PreparedRun): Promise<Opened> {
    this.#claim(portalId);
    this.#opened ??= this.#opening(portalId, then);
    return this.#opened;
  }

  /** Names the transaction's portal at its first statement; refuses another after. */
  #claim(portalId: number): void {
    // The lock covers one portal; a second portal would need a lock order to avoid deadlocks.
    if (this.#portalId !== null && portalId !== this.#portalId)
      throw new Error(`a transaction of portal ${this.#portalId} cannot write portal ${portalId}`);
    this.#portalId = portalId;
  }

  async #opening(portalId: number, then: PreparedRun | undefined): Promise<Opened> {
    const checkedOut = await checkOut(this.#pool, this.#locks, portalId, this.mode, this.#ahead);
    const { client } = checkedOut;
    try {
      const read =
        this.#openingRead &&
        (await executeOf(client, this.#openingRead, [integerLiteral(portalId)]));
      const after = then && (await executeRun(client, then));
      const statements = [read, after].filter((sql) => sql !== undefined);
      const [first] = await PortalLock.begin(client, portalId, this.mode, statements);
      if (read !== undefined && first !== undefined) {
        this.#settings?.remember(portalId, first as PairWriteSettingsRow);
      }
      return { ...checkedOut, opening: read === undefined ? undefined : first };
    } catch (error) {
      handBack(checkedOut, true);
      throw error;
    }
  }

  /** Commits or rolls back, hands the connection back, and lets the portal's next one in. */
  async finish(commit: boolean): Promise<void> {
    const guess = this.#guess;
    if (guess) {
      // A guess sends nothing before its commit: a rollback has nothing to undo.
      if (!commit) return;
      if (guess.abandoned !== null) throw new GuessAbandoned(guess.abandoned);
      return this.#commitGuess(guess);
    }
    if (this.#opened === null) return;
    let opened: Opened;
    try {
      opened = await this.#opened;
    } catch (error) {
      // Nothing is held. A commit still fails, even if the work caught the statement's error.
      if (commit) throw error;
      return;
    }
    const { client } = opened;
    const atCommit = commit ? this.#atCommit : null;
    this.#atCommit = null;
    let ended: QueryResult;
    try {
      ended = atCommit
        ? await this.#commitWith(client, atCommit)
        : await client.query(commit ? 'COMMIT' : 'ROLLBACK');
    } catch (error) {
      handBack(opened, true);
      if (commit) throw error;
      return;
    }
    handBack(opened, false);
    // PostgreSQL answers COMMIT of a transaction in which a statement failed with a rollback.
    if (commit && ended.command !== 'COMMIT') throw new Error('the transaction was rolled back');
  }

  /**
   * The whole of a guessed transaction in one round trip, with the guessed writes of its portal
   * that wait beside it (`GuessGroups`): the opening, the assertion that the settings it was
   * planned on are current, its hold and assertions, the statement left for COMMIT, the writes
   * after it (`writeAfter`), and COMMIT.
   * A failed assertion rolls it all back (`isGuessFailure` tells).
   */
  async #commitGuess(guess: Guess): Promise<void> {
    const atCommit = this.#atCommit;
    this.#atCommit = null;
    const rows = await guess.groups.send({
      portalId: this.#portalId ?? 0,
      version: guess.settings.settings_version,
      holdKeys: guess.holdKeys,
      assertions: guess.assertions,
      last: atCommit,
      after: guess.after,
    });
    atCommit?.onRows(rows);
  }

  /** COMMIT in the round trip of the statement left for it; answers COMMIT's result. */
  async #commitWith(client: PoolClient, run: CommitRun): Promise<QueryResult> {
    const execute = await executeRun(client, run);
    // A failing statement skips the COMMIT after it; the caller then releases the connection.
    const [ran, ended] = (await client.query(`${execute}; COMMIT`)) as unknown as [
      QueryResult<QueryResultRow>,
      QueryResult,
    ];
    run.onRows(ran.rows);
    return ended;
  }
}
