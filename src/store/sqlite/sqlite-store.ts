// The embedded store: the store port over one SQLite file (or memory) through better-sqlite3.
import Database from 'better-sqlite3';
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
  TargetPageQuery,
} from '../../core/ports.js';
import { MemoryRequestCounter } from '../memory-request-counter.js';
import { sortedByTypeId } from '../portal-counts.js';
import { ImportTally } from '../portal-rows.js';
import {
  allTargetsOf,
  onePage,
  TargetPagesBuilder,
  targetPages,
  type TargetRow,
} from '../target-pages.js';
import { addPackedRows, packedRows } from './packed-target-rows.js';
import { MIGRATIONS } from './migrations.js';
import { searchCountStatement, searchPageStatement, type SearchDialect } from '../search-sql.js';
import { toRecord, type RecordRow } from './rows.js';
import { listObjectSchemas, listPropertySchema } from './sqlite-schema.js';
import { Checkpointer } from './checkpointer.js';
import { CommitGroups } from './commit-groups.js';
import * as journal from './sqlite-journal.js';
import * as webhooks from './sqlite-webhooks.js';
import * as deliveries from './sqlite-deliveries.js';
import * as portals from './sqlite-portals.js';
import * as recordSql from './sqlite-records.js';
import { SqliteTransaction } from './sqlite-transaction.js';
import { assertStorableTexts, storableChunks } from '../../core/rules/storable-text.js';
import { BOUND_COUNT } from './bound-count.js';

/** Times are ms integers; a property's stored text is `->>` with its name as the label. */
const SQLITE_SEARCH: SearchDialect = {
  time: (placeholder) => placeholder,
  orderedJoin: 'CROSS JOIN',
  propertyText: (placeholder) => `(r.properties ->> ${placeholder})`,
  count: (placeholder) => BOUND_COUNT.replace('?', placeholder),
};

/**
 * Inputs per statement of `pageTargetsMany`: 500 × 5 values, far below SQLite's 32,766, and
 * fewer than a packed row's key can number (`QUERY_SLOTS`).
 */
const PAGE_CHUNK = 500;
const PAGE_CHUNK_TUPLES = '(?, ?, ?, ?, ?), '.repeat(PAGE_CHUNK).slice(0, -2);
/** Pages this large take every target: read without a row limit. */
const MAX_PAGE_SIZE = 2 ** 30;

// The page reads' statements, written once: the statement cache hashes a query's text on every
// lookup, and a text built anew on each call is hashed and compared in full each time.
const CHUNK_ROWS = packedRows('p.q');
const PAGE_CHUNK_SQL = `WITH p (q, from_type, from_id, to_type, after) AS (VALUES ${PAGE_CHUNK_TUPLES})
  SELECT ${CHUNK_ROWS.select} FROM p CROSS JOIN associations a
  ON a.portal_id = ? AND a.from_type = p.from_type AND a.from_id = p.from_id
  AND a.to_type = p.to_type AND a.to_id > p.after ${CHUNK_ROWS.join}`;
const REST_ROWS = packedRows('CAST(j.key AS INTEGER)');
const PAGE_REST_SQL = `SELECT ${REST_ROWS.select}
  FROM json_each(?) j CROSS JOIN associations a
  ON a.portal_id = ? AND a.from_type = j.value ->> 0 AND a.from_id = j.value ->> 1
  AND a.to_type = j.value ->> 2 AND a.to_id > j.value ->> 3 ${REST_ROWS.join}`;
const ONE_PAGE_ROWS = packedRows('0');
const ONE_PAGE_SQL = `SELECT ${ONE_PAGE_ROWS.select} FROM associations a ${ONE_PAGE_ROWS.join}
  WHERE a.portal_id = ? AND a.from_type = ? AND a.from_id = ? AND a.to_type = ?
  AND a.to_id > ? LIMIT ${BOUND_COUNT}`;

/** Where the store lives. */
export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for a store that ends with the process. */
  readonly filename: string;
}

/** The SQLite adapter of the store port. */
export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #queue: CommitGroups;
  readonly #tx: SqliteTransaction;
  readonly #checkpointer: Checkpointer | null;
  #commitHook: CommitHook | null = null;
  /** In memory: see MemoryRequestCounter for why that is enough for the embedded store. */
  readonly requestCounter = new MemoryRequestCounter();

  constructor(options: SqliteStoreOptions) {
    this.#db = new Database(options.filename);
    // WAL with synchronous=NORMAL: a committed transaction survives a crash of the process
    // (the WAL is in the OS page cache); only a power loss can take the last commits.
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.pragma('foreign_keys = OFF');
    migrate(this.#db);
    this.#queue = new CommitGroups(this.#db);
    this.#tx = new SqliteTransaction(this.#db);
    // A file's log is checkpointed by a thread (see Checkpointer); SQLite's own checkpoint stays
    // as a backstop, at ten times its default, should the thread fall behind.
    const inMemory = options.filename === ':memory:' || options.filename === '';
    if (!inMemory) this.#db.pragma('wal_autocheckpoint = 10000');
    this.#checkpointer = inMemory ? null : new Checkpointer(options.filename);
  }

  setCommitHook(hook: CommitHook | null): void {
    this.#commitHook = hook;
  }

  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.#queue.transaction(async () => {
      this.#tx.beginChanges();
      const result = await work(this.#tx);
      if (this.#commitHook && this.#tx.changeSet.changes.length > 0) {
        await this.#commitHook(this.#tx);
      }
      return result;
    });
  }

  getRecords(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
    includeArchived: boolean,
  ): Promise<CrmRecord[]> {
    return this.#queue.run(() =>
      recordSql.getRecords(this.#prepare, portalId, objectTypeId, ids, includeArchived),
    );
  }

  resolveMergedIds(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<Map<RecordId, RecordId>> {
    return this.#queue.run(() =>
      recordSql.resolveMergedIds(this.#prepare, portalId, objectTypeId, ids),
    );
  }

  listRecords(
    portalId: number,
    objectTypeId: string,
    afterId: RecordId | null,
    limit: number,
    archived: boolean,
  ): Promise<CrmRecord[]> {
    return this.#queue.run(() =>
      this.#statement(
        `SELECT object_type_id, id, properties, created_at, updated_at, archived_at FROM records
         WHERE portal_id = ? AND object_type_id = ? AND id > ? AND (archived_at IS NOT NULL) = ?
         ORDER BY id LIMIT ${BOUND_COUNT}`,
      )
        .all(portalId, objectTypeId, afterId ?? 0, archived ? 1 : 0, limit)
        .map((row) => toRecord(row as RecordRow)),
    );
  }

  countPortal(portalId: number): Promise<PortalCounts> {
    return this.#queue.run(() => {
      // Both counts read indexes only: records_live_created holds archived_at, and association
      // rows are counted over the primary key.
      const objectTypes = this.#statement(
        `SELECT object_type_id AS objectTypeId, count(*) - count(archived_at) AS live,
         count(archived_at) AS archived FROM records WHERE portal_id = ? GROUP BY object_type_id`,
      ).all(portalId) as { objectTypeId: string; live: number; archived: number }[];
      const associationRows = this.#statement(
        'SELECT count(*) FROM associations WHERE portal_id = ?',
      )
        .pluck()
        .get(portalId) as number;
      return { objectTypes: sortedByTypeId(objectTypes), associationRows };
    });
  }

  searchRecords(
    portalId: number,
    objectTypeId: string,
    search: RecordSearch,
  ): Promise<RecordSearchPage> {
    return this.#queue.run(() => {
      const count = searchCountStatement(SQLITE_SEARCH, portalId, objectTypeId, search);
      const total = this.#statement(count.sql)
        .pluck()
        .get(...count.values) as number;
      if (search.limit === 0 || search.offset >= total) return { total, records: [] };
      const page = searchPageStatement(SQLITE_SEARCH, portalId, objectTypeId, search);
      const rows = this.#statement(page.sql).all(...page.values) as RecordRow[];
      return { total, records: rows.map(toRecord) };
    });
  }

  pageTargets(portalId: number, query: TargetPageQuery): Promise<StoredTargetPage> {
    return onePage(this, portalId, query);
  }

  pageTargetsMany(
    portalId: number,
    queries: readonly TargetPageQuery[],
  ): Promise<StoredTargetPage[]> {
    return this.#queue.run(() => {
      // Each statement drives one primary-key range scan per input, in input order, and rows
      // past each input's page are skipped. There is no ORDER BY on purpose: this nested loop
      // already yields (input, to_id, category, type_id) order, and an ORDER BY would make
      // SQLite sort every row into a temporary b-tree first. Full chunks of inputs go in as
      // bound values (a 1,000-input batch read: 4.7 ms of CPU, against 5.4 to 5.9 ms with the
      // inputs written as JSON and parsed by json_each); the rest as JSON. A single page has a
      // statement of its own (`#onePageOf`).
      const [only] = queries;
      if (queries.length === 1 && only) return this.#onePageOf(portalId, only);
      // Many queries (a batch read, whose pages rarely fill) read every row at once, each row
      // as two plucked numbers (see packed-target-rows.ts).
      const pages = new TargetPagesBuilder(queries.map((query) => query.limit));
      let start = 0;
      if (queries.length >= PAGE_CHUNK) {
        const chunk = this.#statement(PAGE_CHUNK_SQL).pluck();
        for (; start + PAGE_CHUNK <= queries.length; start += PAGE_CHUNK) {
          const values: (string | number)[] = [];
          for (let index = 0; index < PAGE_CHUNK; index++) {
            const query = queries[start + index];
            if (!query) continue;
            const { fromObjectTypeId, fromId, toObjectTypeId, afterToId } = query;
            values.push(index, fromObjectTypeId, fromId, toObjectTypeId, afterToId ?? 0);
          }
          values.push(portalId);
          if (!addPackedRows(pages, chunk.all(values) as number[], start)) return pages.pages;
        }
      }
      const rest = queries.slice(start);
      if (rest.length === 0) return pages.pages;
      const statement = this.#statement(PAGE_REST_SQL).pluck();
      const inputs = JSON.stringify(
        rest.map((q) => [q.fromObjectTypeId, q.fromId, q.toObjectTypeId, q.afterToId ?? 0]),
      );
      addPackedRows(pages, statement.all(inputs, portalId) as number[], start);
      return pages.pages;
    });
  }

  /**
   * A page of one record (GET list): its key range bound as values, not JSON through json_each,
   * whose per-statement cost was most of a short page's read. The rows come in the primary key's
   * order, two plucked numbers each (see packed-target-rows.ts), and the read stops after
   * `limit + 1` rows: a 500-target page cost 190–220 µs of CPU, against 400–550 µs stepping row
   * by row. Those rows hold `limit + 1` targets unless some target has several types; then the
   * page may end inside a target, and is read again row by row until it is full.
   */
  #onePageOf(portalId: number, query: TargetPageQuery): StoredTargetPage[] {
    const { fromObjectTypeId, fromId, toObjectTypeId, afterToId, limit } = query;
    const range = [portalId, fromObjectTypeId, fromId, toObjectTypeId, afterToId ?? 0] as const;
    const packed = this.#statement(ONE_PAGE_SQL).pluck();
    // Two values per row; no limit (-1) for a page that takes every target.
    const valueLimit = limit < MAX_PAGE_SIZE ? 2 * (limit + 1) : -1;
    const values = packed.all(...range, valueLimit) as number[];
    const pages = new TargetPagesBuilder([limit]);
    addPackedRows(pages, values, 0);
    const complete = valueLimit === -1 || values.length < valueLimit;
    if (complete || pages.pages[0]?.hasMore) return pages.pages;
    const stepped = this.#statement(
      `SELECT 0 AS q, to_id, category, type_id FROM associations
       WHERE portal_id = ? AND from_type = ? AND from_id = ? AND to_type = ? AND to_id > ?
       ORDER BY to_id, category, type_id`,
    ).raw(true);
    return targetPages(stepped.iterate(...range) as Iterable<TargetRow>, [limit]);
  }

  targetsOfRecords(
    portalId: number,
    fromObjectTypeId: string,
    fromIds: readonly RecordId[],
    toObjectTypeId: string,
  ): Promise<Map<RecordId, AssociatedTarget[]>> {
    return allTargetsOf(this, portalId, fromObjectTypeId, fromIds, toObjectTypeId);
  }

  /** As the writes read them: kept while the settings' version stays (write-settings.ts). */
  listLabels(portalId: number): Promise<LabelDefinition[]> {
    return this.#queue.run(() => this.#tx.listLabels(portalId));
  }

  listLimits(portalId: number): Promise<LimitConfig[]> {
    return this.#queue.run(() => this.#tx.listLimits(portalId));
  }

  listObjectSchemas(portalId: number): Promise<CustomObjectSchema[]> {
    return this.#queue.run(() => listObjectSchemas((sql) => this.#statement(sql), portalId));
  }

  listPropertySchema(portalId: number, objectTypeId: string | null) {
    return this.#queue.run(() =>
      listPropertySchema((sql) => this.#statement(sql), portalId, objectTypeId),
    );
  }

  listPortals(): Promise<Portal[]> {
    return this.#queue.run(() => portals.listPortals(this.#prepare));
  }

  getPortal(portalId: number): Promise<Portal | null> {
    return this.#queue.run(() => portals.getPortal(this.#prepare, portalId));
  }

  async createPortal(portalId: number, name: string, now: Date): Promise<Portal | null> {
    assertStorableTexts([name]);
    return this.#queue.run(() => portals.createPortal(this.#prepare, portalId, name, now));
  }

  maxPortalId(): Promise<number> {
    return this.#queue.run(() => portals.maxPortalId(this.#prepare));
  }

  deletePortal(portalId: number): Promise<boolean> {
    return this.transaction(() => Promise.resolve(portals.deletePortal(this.#prepare, portalId)));
  }

  resetPortal(portalId: number): Promise<void> {
    return this.transaction(() => {
      portals.resetPortal(this.#prepare, portalId);
      return Promise.resolve();
    });
  }

  putToken(token: AccessToken): Promise<void> {
    return this.#queue.run(() => {
      portals.putToken(this.#prepare, token);
    });
  }

  findToken(tokenHash: string): Promise<AccessToken | null> {
    return this.#queue.run(() => portals.findToken(this.#prepare, tokenHash));
  }

  listTokens(portalId: number): Promise<AccessToken[]> {
    return this.#queue.run(() => portals.listTokens(this.#prepare, portalId));
  }

  deleteToken(tokenHash: string): Promise<boolean> {
    return this.#queue.run(() => portals.deleteToken(this.#prepare, tokenHash));
  }

  putApp(app: Omit<WebhookApp, 'settings'>): Promise<void> {
    return this.#queue.run(() => {
      webhooks.putApp(this.#prepare, app);
    });
  }

  getApp(appId: number): Promise<WebhookApp | null> {
    return this.#queue.run(() => webhooks.getApp(this.#prepare, appId));
  }

  listApps(): Promise<WebhookApp[]> {
    return this.#queue.run(() => webhooks.listApps(this.#prepare));
  }

  deleteApp(appId: number): Promise<boolean> {
    return this.#queue.run(() =>
      this.#db.transaction(() => {
        journal.deleteJournalOfApp(this.#prepare, appId);
        return webhooks.deleteApp(this.#prepare, appId);
      })(),
    );
  }

  putWebhookSettings(appId: number, settings: WebhookSettings | null): Promise<boolean> {
    return this.#queue.run(() => webhooks.putWebhookSettings(this.#prepare, appId, settings));
  }

  listSubscriptions(appId: number): Promise<StoredSubscription[]> {
    return this.#queue.run(() => webhooks.listSubscriptions(this.#prepare, appId));
  }

  insertSubscription(subscription: NewSubscription): Promise<StoredSubscription> {
    return this.#queue.run(() => webhooks.insertSubscription(this.#prepare, subscription));
  }

  setSubscriptionsActive(
    appId: number,
    changes: readonly { readonly id: number; readonly active: boolean }[],
    now: Date,
  ): Promise<StoredSubscription[]> {
    return this.#queue.run(() =>
      this.#db.transaction(() =>
        webhooks.setSubscriptionsActive(this.#prepare, appId, changes, now),
      )(),
    );
  }

  deleteSubscription(appId: number, id: number): Promise<boolean> {
    return this.#queue.run(() => webhooks.deleteSubscription(this.#prepare, appId, id));
  }

  due(now: Date, limit: number, leaseUntil: Date): Promise<OwedChunk[]> {
    return this.#queue.run(() => deliveries.due(this.#prepare, now, limit, leaseUntil));
  }

  targetOf(appId: number): Promise<DeliveryTarget | null> {
    return this.#queue.run(() => deliveries.targetOf(this.#prepare, appId));
  }

  settle(attempts: readonly DeliveryAttempt[]): Promise<void> {
    return this.#queue.run(() => {
      deliveries.settle(this.#db, this.#prepare, attempts);
    });
  }

  extendLease(chunkIds: readonly string[], leasedUntil: Date, until: Date): Promise<number> {
    return this.#queue.run(() =>
      deliveries.extendLease(this.#prepare, chunkIds, leasedUntil, until),
    );
  }

  prune(settledBefore: Date, limit: number): Promise<number> {
    return this.#queue.run(() => deliveries.prune(this.#db, this.#prepare, settledBefore, limit));
  }

  listDeliveries(query: DeliveryQuery): Promise<LoggedDelivery[]> {
    return this.#queue.run(() => deliveries.listDeliveries(this.#prepare, query));
  }

  upsertJournalSubscription(
    subscription: NewJournalSubscription,
    now: Date,
  ): Promise<JournalSubscription> {
    return this.#queue.run(() =>
      journal.upsertJournalSubscription(this.#prepare, subscription, now),
    );
  }

  listJournalSubscriptions(appId: number): Promise<JournalSubscription[]> {
    return this.#queue.run(() => journal.listJournalSubscriptions(this.#prepare, appId));
  }

  deleteJournalSubscription(appId: number, id: number): Promise<boolean> {
    return this.#queue.run(() =>
      this.#db.transaction(() => journal.deleteJournalSubscription(this.#prepare, appId, id))(),
    );
  }

  deleteJournalSubscriptionsOfPortal(appId: number, portalId: number): Promise<number> {
    return this.#queue.run(() =>
      this.#db.transaction(() =>
        journal.deleteJournalSubscriptionsOfPortal(this.#prepare, appId, portalId),
      )(),
    );
  }

  insertJournalFilter(
    appId: number,
    subscriptionId: number,
    conditions: readonly JournalFilterCondition[],
    now: Date,
  ): Promise<JournalFilter | null> {
    return this.#queue.run(() =>
      journal.insertJournalFilter(this.#prepare, appId, subscriptionId, conditions, now),
    );
  }

  listJournalFilters(
    appId: number,
    by: { readonly filterId: number } | { readonly subscriptionId: number },
  ): Promise<JournalFilter[]> {
    return this.#queue.run(() => journal.listJournalFilters(this.#prepare, appId, by));
  }

  deleteJournalFilter(appId: number, filterId: number): Promise<boolean> {
    return this.#queue.run(() => journal.deleteJournalFilter(this.#prepare, appId, filterId));
  }

  activeJournalSubscriptions(): Promise<ActiveJournalSubscription[]> {
    return this.#queue.run(() => journal.activeJournalSubscriptions(this.#prepare));
  }

  readJournal(
    appId: number,
    portalId: number | null,
    position: JournalPosition,
    limit: number,
    now: Date,
  ): Promise<StoredJournalEntry[]> {
    return this.#queue.run(() =>
      journal.readJournal(this.#prepare, appId, portalId, position, limit, now),
    );
  }

  journalEntriesAt(
    appId: number,
    portalId: number | null,
    sequences: readonly number[],
    now: Date,
  ): Promise<StoredJournalEntry[]> {
    return this.#queue.run(() =>
      journal.journalEntriesAt(this.#prepare, appId, portalId, sequences, now),
    );
  }

  journalFile(
    fileToken: string,
    now: Date,
  ): Promise<{ entry: StoredJournalEntry; events: unknown[] } | null> {
    return this.#queue.run(() => journal.journalFile(this.#prepare, fileToken, now));
  }

  putJournalSnapshot(snapshot: JournalSnapshot): Promise<void> {
    return this.#queue.run(() => {
      journal.putJournalSnapshot(this.#prepare, snapshot);
    });
  }

  getJournalSnapshot(appId: number, id: string): Promise<JournalSnapshot | null> {
    return this.#queue.run(() => journal.getJournalSnapshot(this.#prepare, appId, id));
  }

  /**
   * Holds the store's queue from the first page to the last, inside one read transaction: no
   * write of this process interleaves (writes wait until the export ends or is abandoned with
   * `return`), and the read transaction keeps other processes' commits out of the snapshot.
   */
  async *exportPortal(portalId: number, pageSize: number): AsyncIterable<PortalStateChunk> {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await new Promise<void>((entered) => {
      void this.#queue.run(() => {
        entered();
        return held;
      });
    });
    try {
      this.#db.exec('BEGIN');
      try {
        yield* portals.exportChunks(this.#prepare, portalId, pageSize);
      } finally {
        this.#db.exec('COMMIT');
      }
    } finally {
      release();
    }
  }

  importPortal(
    portalId: number,
    chunks: AsyncIterable<PortalStateChunk>,
  ): Promise<PortalImportSummary> {
    return this.transaction(async () => {
      portals.deleteData(this.#prepare, portalId);
      const tally = new ImportTally();
      for await (const chunk of storableChunks(chunks))
        portals.importChunk(this.#prepare, portalId, chunk, tally);
      portals.finishImport(this.#prepare, portalId, tally);
      return tally.summary();
    });
  }

  async close(): Promise<void> {
    await this.#queue.drain();
    // The thread's connection closes first, so the server's is the last one: closing the last
    // connection checkpoints the whole log and removes it.
    await this.#checkpointer?.stop();
    if (this.#db.open) this.#db.close();
  }

  #statement(sql: string): Database.Statement {
    return this.#tx.statement(sql);
  }

  readonly #prepare = (sql: string): Database.Statement => this.#statement(sql);
}

/** Applies the migrations the file has not seen yet, each in its own transaction. */
function migrate(db: Database.Database): void {
  for (const migration of MIGRATIONS) {
    // The version is read inside the write transaction: processes opening one file together
    // (server workers) take turns, and the later ones find the migration applied.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= migration.version) return;
      db.exec(migration.sql);
      void migration.backfill?.(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
