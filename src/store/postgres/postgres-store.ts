// The shared store: the store port over PostgreSQL through a pg connection pool, for several
// server processes on one database.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type pg from 'pg';
import type {
  AssociatedTarget,
  CrmRecord,
  CustomObjectSchema,
  LabelDefinition,
  LimitConfig,
  RecordId,
} from '../../core/model.js';
import type {
  AccessToken,
  ActiveJournalSubscription,
  JournalFilter,
  JournalFilterCondition,
  JournalPosition,
  JournalSnapshot,
  JournalSubscription,
  NewJournalSubscription,
  StoredJournalEntry,
  CommitHook,
  DeliveryAttempt,
  DeliveryQuery,
  DeliveryTarget,
  LoggedDelivery,
  OwedChunk,
  NewSubscription,
  StoredSubscription,
  WebhookApp,
  WebhookSettings,
  Portal,
  PortalCounts,
  PortalImportSummary,
  PortalStateChunk,
  RecordSearch,
  RecordSearchPage,
  Store,
  StoreTransaction,
  StoredTargetPage,
  TransactionOptions,
  TargetPageQuery,
} from '../../core/ports.js';
import { RECORD_COLUMNS } from '../columns.js';
import { sortedByTypeId } from '../portal-counts.js';
import { ImportTally } from '../portal-rows.js';
import {
  numberedPlaceholders,
  searchPageAndCountStatement,
  type SearchDialect,
} from '../search-sql.js';
import {
  allTargetsOf,
  onePage,
  pagesCutShort,
  targetPages,
  type TargetRow,
} from '../target-pages.js';
import { migrate } from './migrations.js';
import {
  listLabels,
  listLimits,
  listObjectSchemas,
  listPropertySchema,
  type Query,
} from './postgres-schema.js';
import * as portals from './postgres-portals.js';
import * as recordSql from './postgres-records.js';
import {
  GUESSED_PAIRS,
  GuessAbandoned,
  PairWriteSettings,
  isGuessFailure,
} from './pair-write-guess.js';
import { hasErrorCode } from './error-codes.js';
import { GuessGroups } from './guess-groups.js';
import { HoldTooLarge, PortalLock, pairsShareable, type PortalLockMode } from './portal-lock.js';
import { PostgresTransaction, PAIR_WRITE_OPENING_READ } from './postgres-transaction.js';
import { toRecord, type RecordRow } from './rows.js';
import { statementName, TransactionConnection } from './transaction-connection.js';
import * as journal from './postgres-journal.js';
import * as webhooks from './postgres-webhooks.js';
import * as deliveries from './postgres-deliveries.js';
import { assertStorableTexts, storableChunks } from '../../core/rules/storable-text.js';

/** Times are timestamptz; a property's stored text is json `->>` with its name. */
const POSTGRES_SEARCH: SearchDialect = {
  time: (placeholder) => `to_timestamp(${placeholder}::double precision / 1000)`,
  orderedJoin: 'JOIN',
  propertyText: (placeholder) => `(r.properties ->> ${placeholder}::text)`,
  count: (placeholder) => placeholder,
};

/** A row of a search: its total, and a record of the page unless the page is empty. */
type SearchRow = { total: number } & (RecordRow | { [K in keyof RecordRow]: null });

/** Where the store lives. */
export interface PostgresStoreOptions {
  /** A `postgres://` or `postgresql://` URL. */
  readonly connectionString: string;
  /** Connections this process may open; each running transaction holds one. Default 10. */
  readonly maxConnections?: number;
}

/** BIGINT columns as JS numbers: ids stay below 2^53, and anything larger is refused. */
function parseBigint(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${text} does not fit a JS number exactly`);
  return value;
}

/** This store's type parsers, set on its own pool only: the driver's globals stay untouched. */
function typeParsers(driver: typeof pg): pg.TypeOverrides {
  const types = new driver.TypeOverrides();
  types.setTypeParser(driver.types.builtins.INT8, parseBigint);
  return types;
}

/** How many times a pair write rolled back by a deadlock is run. */
const DEADLOCK_ATTEMPTS = 3;

/** Whether PostgreSQL rolled the transaction back to break a deadlock. */
function isDeadlock(error: unknown): boolean {
  return hasErrorCode(error, '40P01');
}

/** Runs the work, then commits; rolls back when it fails. */
async function run<T>(
  connection: TransactionConnection,
  work: (connection: TransactionConnection) => Promise<T>,
): Promise<T> {
  let result: T;
  try {
    result = await work(connection);
  } catch (error) {
    await connection.finish(false);
    throw error;
  }
  await connection.finish(true);
  return result;
}

/** The PostgreSQL adapter of the store port. Open it with `PostgresStore.open`. */
export class PostgresStore implements Store {
  readonly #pool: pg.Pool;
  readonly #locks: PortalLock;
  readonly #running = new Set<Promise<unknown>>();
  /** Each portal's pair write settings as last read, for writes to be guessed on. */
  readonly #settings = new PairWriteSettings();
  /** Where guessed pair writes are sent, with those of their portal beside them. */
  readonly #guesses: GuessGroups;
  #commitHook: CommitHook | null = null;
  #closed: Promise<void> | null = null;
  /** In the database, so every process sharing it counts against the same windows. */
  readonly requestCounter: portals.PostgresRequestCounter;
  readonly #query: Query = (sql, params) => this.#rows(sql, params);

  private constructor(pool: pg.Pool, connections: number) {
    this.#pool = pool;
    // why: ten 2,000-input batch creates of one portal would otherwise hold every connection of
    // the pool for the length of a batch, and every read of the process would wait on them.
    this.#locks = new PortalLock(Math.max(1, Math.floor(connections / 2)));
    this.#guesses = new GuessGroups(this.#pool, this.#locks, this.#settings);
    this.requestCounter = new portals.PostgresRequestCounter(pool);
  }

  /** Connects and brings the schema up to date before the store takes any work. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    // The driver is loaded here, not when the package is: most users of the library never open it.
    const { default: driver } = await import('pg');
    const connections = options.maxConnections ?? 10;
    const pool = new driver.Pool({
      connectionString: options.connectionString,
      max: connections,
      types: typeParsers(driver),
      application_name: 'hubspot-associations-server',
      // why: reads name their hottest statements to skip parsing them (`#namedRows`); a plan kept
      // from when a table was nearly empty could be a scan of it once it has grown, so they are
      // planned for their values each time. Set before the pool hands the connection out.
      // pg-pool awaits the promise its onConnect hook returns; @types/pg declares a void return.
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      onConnect: async (client) => {
        await client.query('SET plan_cache_mode = force_custom_plan');
      },
    });
    // An idle connection that dies leaves the pool; the next query opens a fresh one.
    pool.on('error', () => undefined);
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(pool, connections);
  }

  /**
   * Runs `work` in one transaction. Its connection is opened at the first statement, which names
   * the portal; from then on it holds the portal's lock, so writes to a portal are serialised
   * across every process sharing the database. Pair writes hold it shared instead, beside each
   * other, and wait only on those holding the same pairs or records (`holdForPairWrites`); one
   * whose hold would take too many locks (`HoldTooLarge`) is run again holding the portal alone,
   * and one that a deadlock rolls back is run again.
   */
  async transaction<T>(
    work: (tx: StoreTransaction) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    const pairs = options.pairWrites?.pairs();
    // why: a write whose pairs alone take too many locks to hold need not find that out late.
    let mode: PortalLockMode = pairs && pairsShareable(pairs) ? 'shared' : 'exclusive';
    let ahead = false;
    // A small pair write is first guessed (pair-write-guess.ts): one round trip when right.
    let guess = mode === 'shared' && (pairs?.length ?? 0) <= GUESSED_PAIRS;
    const removesPairs = options.pairWrites?.removesPairs ?? false;
    let deadlocks = 0;
    for (;;) {
      try {
        return await this.#locked(mode, { ahead, guess, removesPairs }, async (connection) => {
          const tx = new PostgresTransaction(connection);
          try {
            const result = await work(tx);
            if (this.#commitHook && tx.changeSet.changes.length > 0) await this.#commitHook(tx);
            return result;
          } catch (error) {
            // why: an error of guessed work may come of the guess (a label this process has not
            // read yet): only an unguessed run can tell. A guess that commits is asserted instead.
            if (connection.guessed) throw new GuessAbandoned('its work failed', { cause: error });
            throw error;
          }
        });
      } catch (error) {
        // why: the records a write counts are known only once it has read the portal's types and
        // limits; one whose hold is then too large has sent nothing but that read. Run alone, it
        // waits first in this process's queue: it has had its turn.
        if (error instanceof HoldTooLarge) {
          mode = 'exclusive';
          ahead = true;
          guess = false;
          continue;
        }
        // A wrong guess kept nothing: the write runs as unguessed writes do.
        if (guess && isGuessFailure(error)) {
          guess = false;
          continue;
        }
        // why: pair writes running side by side may still meet in a circle on rows neither holds
        // (a Primary moved off a pair another write replaces); PostgreSQL then rolls one back.
        if (mode === 'exclusive' || ++deadlocks === DEADLOCK_ATTEMPTS || !isDeadlock(error))
          throw error;
      }
    }
  }

  setCommitHook(hook: CommitHook | null): void {
    this.#commitHook = hook;
  }

  /** Runs `work` in one transaction of its own, tracked so `close` waits for it. */
  #locked<T>(
    mode: PortalLockMode,
    {
      ahead,
      guess,
      removesPairs = false,
    }: { readonly ahead: boolean; readonly guess: boolean; readonly removesPairs?: boolean },
    work: (connection: TransactionConnection) => Promise<T>,
  ): Promise<T> {
    // why: a pair write reads the portal's labels and limits and, when it changes something,
    // the subscriptions its events follow; read as it opens, they cost no round trip of their own.
    const openingRead = mode === 'shared' ? PAIR_WRITE_OPENING_READ : undefined;
    const connection = new TransactionConnection(this.#pool, this.#locks, mode, {
      openingRead,
      ahead,
      settings: this.#settings,
      guesses: guess ? this.#guesses : undefined,
      removesPairs,
    });
    return this.#tracked(run(connection, work));
  }

  /** `running`, counted until it settles: `close` waits for it before ending the pool. */
  #tracked<T>(running: Promise<T>): Promise<T> {
    const settled = running.catch(() => undefined);
    this.#running.add(settled);
    void settled.then(() => this.#running.delete(settled));
    return running;
  }

  /** Runs `work` in a transaction holding the portal's lock, with its statements. */
  #underPortalLock<T>(portalId: number, work: (query: Query) => Promise<T>): Promise<T> {
    return this.#locked('exclusive', { ahead: false, guess: false }, (connection) =>
      work((sql, params) => connection.query(portalId, sql, params)),
    );
  }

  listPortals(): Promise<Portal[]> {
    return portals.listPortals(this.#query);
  }

  getPortal(portalId: number): Promise<Portal | null> {
    return portals.getPortal(this.#query, portalId);
  }

  async createPortal(portalId: number, name: string, now: Date): Promise<Portal | null> {
    assertStorableTexts([name]);
    return portals.createPortal(this.#query, portalId, name, now);
  }

  maxPortalId(): Promise<number> {
    return portals.maxPortalId(this.#query);
  }

  deletePortal(portalId: number): Promise<boolean> {
    return this.#underPortalLock(portalId, (query) => portals.deletePortal(query, portalId));
  }

  resetPortal(portalId: number): Promise<void> {
    return this.#underPortalLock(portalId, (query) => portals.resetPortal(query, portalId));
  }

  putToken(token: AccessToken): Promise<void> {
    return portals.putToken(this.#query, token);
  }

  findToken(tokenHash: string): Promise<AccessToken | null> {
    return portals.findToken(this.#query, tokenHash);
  }

  listTokens(portalId: number): Promise<AccessToken[]> {
    return portals.listTokens(this.#query, portalId);
  }

  deleteToken(tokenHash: string): Promise<boolean> {
    return portals.deleteToken(this.#query, tokenHash);
  }

  putApp(app: Omit<WebhookApp, 'settings'>): Promise<void> {
    return webhooks.putApp(this.#query, app);
  }

  getApp(appId: number): Promise<WebhookApp | null> {
    return webhooks.getApp(this.#query, appId);
  }

  listApps(): Promise<WebhookApp[]> {
    return webhooks.listApps(this.#query);
  }

  deleteApp(appId: number): Promise<boolean> {
    return webhooks.deleteApp(this.#query, appId);
  }

  putWebhookSettings(appId: number, settings: WebhookSettings | null): Promise<boolean> {
    return webhooks.putWebhookSettings(this.#query, appId, settings);
  }

  listSubscriptions(appId: number): Promise<StoredSubscription[]> {
    return webhooks.listSubscriptions(this.#query, appId);
  }

  insertSubscription(subscription: NewSubscription): Promise<StoredSubscription> {
    return webhooks.insertSubscription(this.#query, subscription);
  }

  setSubscriptionsActive(
    appId: number,
    changes: readonly { readonly id: number; readonly active: boolean }[],
    now: Date,
  ): Promise<StoredSubscription[]> {
    return webhooks.setSubscriptionsActive(this.#query, appId, changes, now);
  }

  deleteSubscription(appId: number, id: number): Promise<boolean> {
    return webhooks.deleteSubscription(this.#query, appId, id);
  }

  due(now: Date, limit: number, leaseUntil: Date): Promise<OwedChunk[]> {
    return deliveries.due(this.#query, now, limit, leaseUntil);
  }

  targetOf(appId: number): Promise<DeliveryTarget | null> {
    return deliveries.targetOf(this.#query, appId);
  }

  settle(attempts: readonly DeliveryAttempt[]): Promise<void> {
    return deliveries.settle(this.#query, attempts);
  }

  extendLease(chunkIds: readonly string[], leasedUntil: Date, until: Date): Promise<number> {
    return deliveries.extendLease(this.#query, chunkIds, leasedUntil, until);
  }

  prune(settledBefore: Date, limit: number): Promise<number> {
    return deliveries.prune(this.#query, settledBefore, limit);
  }

  listDeliveries(query: DeliveryQuery): Promise<LoggedDelivery[]> {
    return deliveries.listDeliveries(this.#query, query);
  }

  upsertJournalSubscription(
    subscription: NewJournalSubscription,
    now: Date,
  ): Promise<JournalSubscription> {
    return journal.upsertJournalSubscription(this.#query, subscription, now);
  }

  listJournalSubscriptions(appId: number): Promise<JournalSubscription[]> {
    return journal.listJournalSubscriptions(this.#query, appId);
  }

  deleteJournalSubscription(appId: number, id: number): Promise<boolean> {
    return journal.deleteJournalSubscription(this.#query, appId, id);
  }

  deleteJournalSubscriptionsOfPortal(appId: number, portalId: number): Promise<number> {
    return journal.deleteJournalSubscriptionsOfPortal(this.#query, appId, portalId);
  }

  insertJournalFilter(
    appId: number,
    subscriptionId: number,
    conditions: readonly JournalFilterCondition[],
    now: Date,
  ): Promise<JournalFilter | null> {
    return journal.insertJournalFilter(this.#query, appId, subscriptionId, conditions, now);
  }

  listJournalFilters(
    appId: number,
    by: { readonly filterId: number } | { readonly subscriptionId: number },
  ): Promise<JournalFilter[]> {
    return journal.listJournalFilters(this.#query, appId, by);
  }

  deleteJournalFilter(appId: number, filterId: number): Promise<boolean> {
    return journal.deleteJournalFilter(this.#query, appId, filterId);
  }

  activeJournalSubscriptions(): Promise<ActiveJournalSubscription[]> {
    return journal.activeJournalSubscriptions(this.#query);
  }

  readJournal(
    appId: number,
    portalId: number | null,
    position: JournalPosition,
    limit: number,
    now: Date,
  ): Promise<StoredJournalEntry[]> {
    return journal.readJournal(this.#query, appId, portalId, position, limit, now);
  }

  journalEntriesAt(
    appId: number,
    portalId: number | null,
    sequences: readonly number[],
    now: Date,
  ): Promise<StoredJournalEntry[]> {
    return journal.journalEntriesAt(this.#query, appId, portalId, sequences, now);
  }

  journalFile(
    fileToken: string,
    now: Date,
  ): Promise<{ entry: StoredJournalEntry; events: unknown[] } | null> {
    return journal.journalFile(this.#query, fileToken, now);
  }

  putJournalSnapshot(snapshot: JournalSnapshot): Promise<void> {
    return journal.putJournalSnapshot(this.#query, snapshot);
  }

  getJournalSnapshot(appId: number, id: string): Promise<JournalSnapshot | null> {
    return journal.getJournalSnapshot(this.#query, appId, id);
  }

  /**
   * One REPEATABLE READ, READ ONLY transaction on one connection: every page comes from the same
   * snapshot. Writes to the portal go on meanwhile (PostgreSQL's snapshot keeps them out of the
   * export), so nobody waits on a long export.
   */
  async *exportPortal(portalId: number, pageSize: number): AsyncIterable<PortalStateChunk> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const query: Query = async <R extends pg.QueryResultRow>(
        sql: string,
        params: readonly unknown[],
      ) => (await client.query<R>(sql, params as unknown[])).rows;
      yield* portals.exportChunks(query, portalId, pageSize);
    } finally {
      // Read only, so ending it changes nothing; it also ends an export abandoned halfway. A
      // connection that failed is closed rather than handed back.
      try {
        await client.query('ROLLBACK');
        client.release();
      } catch {
        client.release(true);
      }
    }
  }

  importPortal(
    portalId: number,
    chunks: AsyncIterable<PortalStateChunk>,
  ): Promise<PortalImportSummary> {
    return this.#underPortalLock(portalId, async (query) => {
      await portals.deleteData(query, portalId);
      const tally = new ImportTally();
      for await (const chunk of storableChunks(chunks))
        await portals.importChunk(query, portalId, chunk, tally);
      await portals.finishImport(query, portalId, tally);
      return tally.summary();
    });
  }

  async #rows<R extends pg.QueryResultRow>(sql: string, params: readonly unknown[]): Promise<R[]> {
    return (await this.#tracked(this.#pool.query<R>(sql, params as unknown[]))).rows;
  }

  /**
   * `#rows` of a statement every read of its kind sends as the same text (a GET list's, its
   * labels'), named so that each connection parses it once. Dynamic texts (search) stay unnamed:
   * named statements are capped per process, and pair writes need theirs.
   */
  async #namedRows<R extends pg.QueryResultRow>(sql: string, params: readonly unknown[]) {
    const name = statementName(sql);
    const query = { name, text: sql, values: params as unknown[] };
    return (await this.#tracked(this.#pool.query<R>(query))).rows;
  }

  /** `#namedRows` with each row as an array of its columns. */
  async #namedArrays<R extends unknown[]>(sql: string, params: readonly unknown[]) {
    const name = statementName(sql);
    const config = { name, rowMode: 'array', text: sql, values: params as unknown[] } as const;
    return (await this.#tracked(this.#pool.query<R>(config))).rows;
  }

  listLabels(portalId: number): Promise<LabelDefinition[]> {
    return listLabels((sql, params) => this.#namedRows(sql, params), portalId);
  }

  listObjectSchemas(portalId: number): Promise<CustomObjectSchema[]> {
    return listObjectSchemas((sql, params) => this.#rows(sql, params), portalId);
  }

  listLimits(portalId: number): Promise<LimitConfig[]> {
    return listLimits((sql, params) => this.#rows(sql, params), portalId);
  }

  listPropertySchema(portalId: number, objectTypeId: string | null) {
    return listPropertySchema((sql, params) => this.#rows(sql, params), portalId, objectTypeId);
  }

  getRecords(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
    includeArchived: boolean,
  ): Promise<CrmRecord[]> {
    return recordSql.getRecords(this.#query, portalId, objectTypeId, ids, includeArchived);
  }

  resolveMergedIds(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<Map<RecordId, RecordId>> {
    return recordSql.resolveMergedIds(this.#query, portalId, objectTypeId, ids);
  }

  async listRecords(
    portalId: number,
    objectTypeId: string,
    afterId: RecordId | null,
    limit: number,
    archived: boolean,
  ): Promise<CrmRecord[]> {
    const rows = await this.#rows<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM records WHERE portal_id = $1 AND object_type_id = $2
       AND id > $3 AND (archived_at IS NOT NULL) = $4 ORDER BY id LIMIT $5`,
      [portalId, objectTypeId, afterId ?? 0, archived, limit],
    );
    return rows.map(toRecord);
  }

  async countPortal(portalId: number): Promise<PortalCounts> {
    // Each count is an index-only scan: live and archived records over their partial indexes,
    // association rows over the primary key.
    const [live, archived, rows] = await Promise.all([
      this.#rows<{ object_type_id: string; count: string }>(
        `SELECT object_type_id, count(*) FROM records WHERE portal_id = $1 AND archived_at IS NULL
         GROUP BY object_type_id`,
        [portalId],
      ),
      this.#rows<{ object_type_id: string; count: string }>(
        `SELECT object_type_id, count(*) FROM records
         WHERE portal_id = $1 AND archived_at IS NOT NULL GROUP BY object_type_id`,
        [portalId],
      ),
      this.#rows<{ count: string }>('SELECT count(*) FROM associations WHERE portal_id = $1', [
        portalId,
      ]),
    ]);
    const counts = new Map<string, { objectTypeId: string; live: number; archived: number }>();
    const countOf = (objectTypeId: string) => {
      const count = counts.get(objectTypeId) ?? { objectTypeId, live: 0, archived: 0 };
      counts.set(objectTypeId, count);
      return count;
    };
    for (const row of live) countOf(row.object_type_id).live = Number(row.count);
    for (const row of archived) countOf(row.object_type_id).archived = Number(row.count);
    return {
      objectTypes: sortedByTypeId([...counts.values()]),
      associationRows: Number(rows[0]?.count ?? 0),
    };
  }

  async searchRecords(
    portalId: number,
    objectTypeId: string,
    search: RecordSearch,
  ): Promise<RecordSearchPage> {
    // One round trip: the total on every row, and a row of it alone when the page is empty.
    const statement = searchPageAndCountStatement(POSTGRES_SEARCH, portalId, objectTypeId, search);
    const rows = await this.#rows<SearchRow>(numberedPlaceholders(statement.sql), statement.values);
    const total = rows[0]?.total ?? 0;
    const records = rows.filter((row): row is SearchRow & RecordRow => row.id !== null);
    return { total, records: records.map(toRecord) };
  }

  pageTargets(portalId: number, query: TargetPageQuery): Promise<StoredTargetPage> {
    return onePage(this, portalId, query);
  }

  /**
   * Usually one statement: per query, the first `limit + 1` rows past the cursor in key order. A
   * record whose rows fill that before `limit + 1` targets (targets with several types) may end
   * inside a target; those records are read again by the ranked statement, which counts targets.
   */
  async pageTargetsMany(
    portalId: number,
    queries: readonly TargetPageQuery[],
  ): Promise<StoredTargetPage[]> {
    const limits = queries.map((query) => query.limit);
    const rows = await this.#firstRows(portalId, queries);
    const cut = new Set(pagesCutShort(rows, limits));
    if (cut.size === 0) return targetPages(rows, limits);
    const exact = await this.#rankedRows(portalId, queries, [...cut]);
    return targetPages([...rows.filter(([q]) => !cut.has(q)), ...exact], limits);
  }

  /**
   * Up to `limit + 1` rows past each query's cursor, as (position in `queries`, to id, category,
   * type id), each query's rows in key order: a plain range scan of the primary key per query,
   * about a fifth cheaper than ranking targets over the same rows (docs/performance.md).
   */
  async #firstRows(portalId: number, queries: readonly TargetPageQuery[]): Promise<TargetRow[]> {
    return this.#namedArrays<[number, number, number, number]>(
      `SELECT (q.n - 1)::integer AS q, a.to_id, a.category, a.type_id
       FROM unnest($2::text[], $3::bigint[], $4::text[], $5::bigint[], $6::bigint[])
         WITH ORDINALITY AS q(from_type, from_id, to_type, after_id, row_limit, n)
       CROSS JOIN LATERAL (
         SELECT t.to_id, t.category, t.type_id FROM associations t
         WHERE t.portal_id = $1 AND t.from_type = q.from_type AND t.from_id = q.from_id
         AND t.to_type = q.to_type AND t.to_id > q.after_id
         ORDER BY t.to_id, t.category, t.type_id LIMIT q.row_limit
       ) a`,
      [portalId, ...queryColumns(queries), queries.map((query) => query.limit + 1)],
    );
  }

  /**
   * The rows of the first `limit + 1` targets past the cursor of each query at `positions`, every
   * type of each: the dense rank counts targets, not rows. The page size is a statement
   * parameter, not a column of the query list: compared with a parameter, the rank lets
   * PostgreSQL stop reading a record's rows once its page is full. Queries with one page size
   * share a statement.
   */
  async #rankedRows(
    portalId: number,
    queries: readonly TargetPageQuery[],
    positions: readonly number[],
  ): Promise<TargetRow[]> {
    const byLimit = new Map<number, { positions: number[]; asked: TargetPageQuery[] }>();
    for (const position of positions) {
      const query = queries[position];
      if (!query) continue;
      const group = byLimit.get(query.limit) ?? { positions: [], asked: [] };
      group.positions.push(position);
      group.asked.push(query);
      byLimit.set(query.limit, group);
    }
    const rows: TargetRow[] = [];
    for (const [limit, { positions: at, asked }] of byLimit) {
      const { rows: ranked } = await this.#tracked(
        this.#pool.query<[number, number, number, number]>({
          rowMode: 'array',
          text: `SELECT (q.n - 1)::integer AS q, a.to_id, a.category, a.type_id
         FROM unnest($2::text[], $3::bigint[], $4::text[], $5::bigint[])
           WITH ORDINALITY AS q(from_type, from_id, to_type, after_id, n)
         CROSS JOIN LATERAL (
           SELECT ranked.to_id, ranked.category, ranked.type_id FROM (
             SELECT t.to_id, t.category, t.type_id, dense_rank() OVER (ORDER BY t.to_id) AS rank
             FROM associations t
             WHERE t.portal_id = $1 AND t.from_type = q.from_type AND t.from_id = q.from_id
             AND t.to_type = q.to_type AND t.to_id > q.after_id
           ) ranked WHERE ranked.rank <= $6::bigint + 1
           ORDER BY ranked.to_id
         ) a`,
          values: [portalId, ...queryColumns(asked), limit],
        }),
      );
      for (const [index, toId, category, typeId] of ranked) {
        rows.push([at[index] ?? -1, toId, category, typeId]);
      }
    }
    return rows;
  }

  targetsOfRecords(
    portalId: number,
    fromObjectTypeId: string,
    fromIds: readonly RecordId[],
    toObjectTypeId: string,
  ): Promise<Map<RecordId, AssociatedTarget[]>> {
    return allTargetsOf(this, portalId, fromObjectTypeId, fromIds, toObjectTypeId);
  }

  /**
   * Waits for running transactions, those that begin while it waits included, then closes every
   * connection. Safe to call twice. why: a transaction can begin as another ends (a write run
   * again after its first try, a request whose client has gone while the server shuts down);
   * the pool ended under it failed it. A turn after the last ends lets such a one begin before
   * none counts as running.
   */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      do {
        await Promise.all(this.#running);
        await nextTurn();
      } while (this.#running.size > 0);
      await this.#pool.end();
    })();
    return this.#closed;
  }
}

/** The query list as the columns the page statements unnest: from type, from id, to type, cursor. */
function queryColumns(queries: readonly TargetPageQuery[]) {
  return [
    queries.map((query) => query.fromObjectTypeId),
    queries.map((query) => query.fromId),
    queries.map((query) => query.toObjectTypeId),
    queries.map((query) => query.afterToId ?? 0),
  ];
}
