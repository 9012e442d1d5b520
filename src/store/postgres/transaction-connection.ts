// The connection of one write transaction: opened and locked for its portal at the first
// statement, committed or rolled back and handed back to the pool at the end.
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { PortalLock, type PortalLockMode } from './portal-lock.js';

/**
 * Names for the statement texts pair writes run, so that each connection parses a text once: the
 * driver prepares a named statement on a connection the first time and then only binds and
 * executes it, and PostgreSQL keeps a plan where one made once does as well as one made for the
 * values. Parsing and planning were most of PostgreSQL's work per single write. Only pair writes
 * name theirs: their statements look rows up by key, with sequential scans off, so no kept plan
 * can be a scan made while a table was nearly empty. Other writes' statements (a unique value's
 * lookup among a type's records, a large batch's arrays) are planned for their values each time,
 * as before. The texts come from a bounded set of shapes; past
 * `MAX_NAMED_STATEMENTS`, new ones run unnamed, so that neither this map nor any connection's
 * prepared statements grow without end.
 */
const STATEMENT_NAMES = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 256;

function statementName(sql: string): string | undefined {
  let name = STATEMENT_NAMES.get(sql);
  if (name === undefined && STATEMENT_NAMES.size < MAX_NAMED_STATEMENTS) {
    name = `has_${STATEMENT_NAMES.size}`;
    STATEMENT_NAMES.set(sql, name);
  }
  return name;
}

interface Opened {
  readonly client: PoolClient;
  /** Lets this process's next transaction of the portal in. */
  readonly unlock: () => void;
  /** An error the connection reported between statements, which dooms the connection. */
  readonly failure: { error?: Error };
  readonly onError: (error: Error) => void;
}

/**
 * The connection of one write transaction. It is taken from the pool at the first statement,
 * which names the portal, and holds the portal's lock (in its mode) until `finish`.
 */
export class TransactionConnection {
  readonly #pool: Pool;
  readonly #locks: PortalLock;
  /** How the transaction holds its portal. */
  readonly mode: PortalLockMode;
  #portalId: number | null = null;
  #opened: Promise<Opened> | null = null;

  constructor(pool: Pool, locks: PortalLock, mode: PortalLockMode) {
    this.#pool = pool;
    this.#locks = locks;
    this.mode = mode;
  }

  /** Runs one statement inside the transaction, opening it for the portal on first use. */
  async query<R extends QueryResultRow>(
    portalId: number,
    sql: string,
    params: readonly unknown[],
  ): Promise<R[]> {
    if (this.#opened === null) {
      this.#portalId = portalId;
      this.#opened = this.#open(portalId);
    } else if (portalId !== this.#portalId) {
      // The lock covers one portal; a second portal would need a lock order to avoid deadlocks.
      throw new Error(`a transaction of portal ${this.#portalId} cannot write portal ${portalId}`);
    }
    const { client } = await this.#opened;
    const name = this.mode === 'shared' ? statementName(sql) : undefined;
    return (await client.query<R>({ name, text: sql, values: params as unknown[] })).rows;
  }

  async #open(portalId: number): Promise<Opened> {
    const unlock = await this.#locks.acquire(portalId, this.mode);
    let client: PoolClient | undefined;
    try {
      client = await this.#pool.connect();
      const failure: Opened['failure'] = {};
      const onError = (error: Error) => {
        failure.error = error;
      };
      // A checked-out connection has no listener; without one its error would end the process.
      client.on('error', onError);
      await PortalLock.begin(client, portalId, this.mode);
      return { client, unlock, failure, onError };
    } catch (error) {
      client?.release(true);
      unlock();
      throw error;
    }
  }

  /** Commits or rolls back, hands the connection back, and lets the portal's next one in. */
  async finish(commit: boolean): Promise<void> {
    if (this.#opened === null) return;
    let opened: Opened;
    try {
      opened = await this.#opened;
    } catch (error) {
      // Nothing is held. A commit still fails, even if the work caught the statement's error.
      if (commit) throw error;
      return;
    }
    const { client, unlock, failure, onError } = opened;
    try {
      const ended = await client.query(commit ? 'COMMIT' : 'ROLLBACK');
      // PostgreSQL answers COMMIT of a transaction in which a statement failed with a rollback.
      if (commit && ended.command !== 'COMMIT') throw new Error('the transaction was rolled back');
      client.off('error', onError);
      client.release(failure.error);
    } catch (error) {
      client.release(true);
      if (commit) throw error;
    } finally {
      unlock();
    }
  }
}
