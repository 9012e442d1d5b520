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

/**
 * A statement a transaction runs as it opens, named and prepared once per connection: it is
 * sent in the same round trip as `BEGIN`, which takes no parameters, and PostgreSQL would plan
 * it anew each time if it came as text (its planning cost more than a round trip).
 */
export interface OpeningRead {
  readonly name: string;
  /** The statement, with the portal id as its one parameter, `$1` (a bigint). */
  readonly sql: string;
}

/** The opening reads prepared on each connection (a pool hands out the same client objects). */
const PREPARED = new WeakMap<PoolClient, Set<string>>();

/** `EXECUTE` of the read for the portal, preparing it first if the connection has not yet. */
async function prepared(client: PoolClient, read: OpeningRead, portalId: number): Promise<string> {
  let names = PREPARED.get(client);
  if (!names) PREPARED.set(client, (names = new Set()));
  if (!names.has(read.name)) {
    await client.query(`PREPARE ${read.name}(bigint) AS ${read.sql}`);
    names.add(read.name);
  }
  // The portal id is an integer, so inlining it is safe.
  return `EXECUTE ${read.name}(${Math.trunc(portalId)})`;
}

interface Opened {
  readonly client: PoolClient;
  /** Lets this process's next transaction of the portal in. */
  readonly unlock: () => void;
  /** An error the connection reported between statements, which dooms the connection. */
  readonly failure: { error?: Error };
  readonly onError: (error: Error) => void;
  /** The first row of the opening read, when the transaction has one. */
  readonly opening: QueryResultRow | undefined;
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

  readonly #openingRead: OpeningRead | undefined;

  /**
   * With `openingRead`, the transaction runs that statement in the round trip that opens it,
   * after taking the lock (`openingRow` has its row).
   */
  constructor(pool: Pool, locks: PortalLock, mode: PortalLockMode, openingRead?: OpeningRead) {
    this.#pool = pool;
    this.#locks = locks;
    this.mode = mode;
    this.#openingRead = openingRead;
  }

  /** The first row of the opening read, opening the transaction for the portal if need be. */
  async openingRow(portalId: number): Promise<QueryResultRow | undefined> {
    return (await this.#open(portalId)).opening;
  }

  /** Runs one statement inside the transaction, opening it for the portal on first use. */
  async query<R extends QueryResultRow>(
    portalId: number,
    sql: string,
    params: readonly unknown[],
  ): Promise<R[]> {
    const { client } = await this.#open(portalId);
    const name = this.mode === 'shared' ? statementName(sql) : undefined;
    return (await client.query<R>({ name, text: sql, values: params as unknown[] })).rows;
  }

  /** The transaction's connection, opened for the portal at the first call. */
  #open(portalId: number): Promise<Opened> {
    if (this.#opened === null) {
      this.#portalId = portalId;
      this.#opened = this.#opening(portalId);
    } else if (portalId !== this.#portalId) {
      // The lock covers one portal; a second portal would need a lock order to avoid deadlocks.
      throw new Error(`a transaction of portal ${this.#portalId} cannot write portal ${portalId}`);
    }
    return this.#opened;
  }

  async #opening(portalId: number): Promise<Opened> {
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
      const read = this.#openingRead && (await prepared(client, this.#openingRead, portalId));
      const opening = await PortalLock.begin(client, portalId, this.mode, read);
      return { client, unlock, failure, onError, opening };
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
