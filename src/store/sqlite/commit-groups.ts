// The embedded store's queue: write transactions that wait together share one commit.
import type Database from 'better-sqlite3';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { SerialQueue } from '../serial-queue.js';

/**
 * How long a group keeps starting members before it commits, in ms. why: a group runs without
 * serving I/O, so a long one would hold every socket's reads and answers (the fairness the
 * queue's turns exist for); a member that starts within the budget still runs to its end, so a
 * 2,000-input batch commits alone or with the few small writes that came before it.
 */
const GROUP_BUDGET_MS = 1;

const SAVEPOINT = 'grouped_write';

interface Member {
  readonly work: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * A SerialQueue for one SQLite connection whose write transactions commit in groups. why: a
 * commit costs a write to the log and its locks (BEGIN and COMMIT took 21 µs of a single PUT's
 * 55 µs in process, and more over HTTP), whatever the transaction holds; ten clients' PUTs
 * queue together, and one commit for all of them took the server's main-thread CPU per PUT
 * from 150–250 to 100–140 µs (docs/performance.md).
 *
 * Nothing a caller can see changes. Each member runs alone, in the order queued, inside a
 * savepoint of its own: one that fails is undone to its savepoint and rejects, the others go
 * on. Every member is settled only after the group's COMMIT, so nothing is acknowledged before
 * it is durable; if the commit fails, every member of the group rejects with its error. The
 * first member needs no savepoint (a failure rolls back only its own work), so a member alone
 * runs as a plain transaction, as before groups.
 */
export class CommitGroups {
  readonly #db: Database.Database;
  readonly #budgetMs: number;
  readonly #queue = new SerialQueue();
  /** The group transactions queued now join, until its turn comes or another task is queued. */
  #open: Member[] | null = null;

  /** `budgetMs`: how long a group keeps starting members (tests set their own). */
  constructor(db: Database.Database, budgetMs = GROUP_BUDGET_MS) {
    this.#db = db;
    this.#budgetMs = budgetMs;
  }

  /**
   * Any other use of the connection: after everything queued before it. It closes the open
   * group, so a transaction queued after it also runs after it, as the queue's order says.
   */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    this.#open = null;
    return this.#queue.run(task);
  }

  /** Runs `work` in a write transaction, committed with those queued alongside it. */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    const result = new Promise<T>((resolve, reject) => {
      let group = this.#open;
      if (!group) {
        const members: Member[] = [];
        group = members;
        this.#open = members;
        void this.#queue.run(() => this.#commitGroup(members));
      }
      group.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
    // As the queue's own results: a failure the caller reads later is not reported as unhandled.
    result.catch(() => undefined);
    return result;
  }

  /** Settles once every queued task has, those queued while it waits included. */
  drain(): Promise<void> {
    return this.#queue.drain();
  }

  async #commitGroup(members: Member[]): Promise<void> {
    if (this.#open === members) this.#open = null;
    let rest: readonly Member[] = members;
    try {
      while (rest.length > 0) {
        // A group that ran past its budget lets the I/O that came meanwhile in, then goes on.
        if (rest !== members) await nextTurn();
        rest = await this.#commitSome(rest);
      }
    } catch (error) {
      // The connection failed where no member's error could carry it (a ROLLBACK that could
      // not run): every member not yet answered gets the error rather than waiting for ever
      // (settled ones ignore it), and the next group rolls back what is left.
      for (const member of members) member.reject(error);
    }
  }

  /** Runs members in one transaction until the budget is spent; returns those it did not run. */
  async #commitSome(members: readonly Member[]): Promise<readonly Member[]> {
    const started = performance.now();
    const settled: [Member, Outcome][] = [];
    let ended: unknown = null;
    try {
      // A group the connection failed under (see #commitGroup) may have left its transaction
      // open; nobody was answered from it, so it is rolled back before the next one begins.
      this.#rollbackIfOpen();
      this.#db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      // The write lock stayed with another process past the busy timeout, or the connection is
      // still unusable: none of them can run.
      for (const member of members) member.reject(error);
      return [];
    }
    for (const member of members) {
      if (settled.length > 0 && performance.now() - started >= this.#budgetMs) break;
      // The first member has no one before it to keep: it fails by rolling the transaction back.
      const outcome = await this.#runMember(member, settled.length > 0);
      settled.push([member, outcome]);
      // An error that ended the whole transaction (a full disk) took the members before it too.
      if (!this.#db.inTransaction) {
        ended = outcome.ok ? new Error('the transaction ended before its commit') : outcome.error;
        break;
      }
    }
    const failure = ended === null ? this.#commit() : { error: ended };
    for (const [member, outcome] of settled) {
      if (!outcome.ok) member.reject(outcome.error);
      else if (failure) member.reject(failure.error);
      else member.resolve(outcome.value);
    }
    return members.slice(settled.length);
  }

  async #runMember(member: Member, shared: boolean): Promise<Outcome> {
    try {
      if (shared) this.#db.exec(`SAVEPOINT ${SAVEPOINT}`);
      const value = await member.work();
      if (shared) this.#db.exec(`RELEASE ${SAVEPOINT}`);
      return { ok: true, value };
    } catch (error) {
      this.#undo(shared);
      return { ok: false, error };
    }
  }

  /** Undoes a failed member: its savepoint when it shares the transaction, else the transaction. */
  #undo(shared: boolean): void {
    if (!this.#db.inTransaction) return;
    try {
      if (shared) {
        this.#db.exec(`ROLLBACK TO ${SAVEPOINT}`);
        this.#db.exec(`RELEASE ${SAVEPOINT}`);
      } else {
        this.#db.exec('ROLLBACK');
      }
    } catch {
      // The member's own error is the one to report; a transaction left broken ends here.
      this.#rollbackIfOpen();
    }
  }

  /** Commits what the members left; the error, when the commit failed, every member then gets. */
  #commit(): { readonly error: unknown } | null {
    try {
      this.#db.exec('COMMIT');
      return null;
    } catch (error) {
      this.#rollbackIfOpen();
      return { error };
    }
  }

  #rollbackIfOpen(): void {
    if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
  }
}
