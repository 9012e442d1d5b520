// The search benchmark (npm run bench:search): contacts with four indexed properties each and one
// company with many of them, loaded straight into the store; then, over HTTP one request at a
// time, an EQ on email and the first page of the company's contacts, against the plainest SQL
// answering the same question (page and total) through the same driver, in the same run; and the
// HTTP ceiling (the cheapest API route, same client), which bounds the ratio any server can reach.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { format } from 'prettier';
import type { Store } from '../src/core/ports.js';
import { DEFAULT_PORTAL_ID } from '../src/http/build-app.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { createDatabase, postgresReachable, type Engine } from './lib/databases.js';
import { summarise } from './lib/load.js';
import { startBenchServer, type BenchServer } from './lib/server-process.js';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '1000000' },
    'company-contacts': { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '1000' },
    engine: { type: 'string', default: 'both' },
    'no-write': { type: 'boolean', default: false },
  },
});
const CONTACTS = Number(values.contacts);
const COMPANY_CONTACTS = Math.min(CONTACTS, Number(values['company-contacts']));
const ROUNDS = Number(values.rounds);
const PORTAL = DEFAULT_PORTAL_ID;
const CHUNK = 10_000;
const CITIES = ['oslo', 'rome', 'lima', 'kyiv', 'pune', 'nice', 'bern', 'riga'];

const emailOf = (index: number) => `Contact${index}@Domain${index % 997}.test`;

async function openStore(engine: Engine, location: string): Promise<Store> {
  return engine === 'sqlite'
    ? new SqliteStore({ filename: location })
    : PostgresStore.open({ connectionString: location });
}

/** Loads the contacts and the company, with the company's contacts spread over the ids. */
async function load(store: Store): Promise<{ companyId: number; contactIds: number[] }> {
  await store.createPortal(PORTAL, 'bench', new Date());
  const contactIds: number[] = [];
  for (let start = 0; start < CONTACTS; start += CHUNK) {
    const count = Math.min(CHUNK, CONTACTS - start);
    const records = Array.from({ length: count }, (_, offset) => {
      const index = start + offset;
      return {
        properties: {
          email: emailOf(index),
          firstname: `First${index % 5000}`,
          lastname: `Last${index % 7919}`,
          city: CITIES[index % CITIES.length]!,
        },
      };
    });
    const inserted = await store.transaction((tx) =>
      tx.insertRecords(PORTAL, '0-1', records, new Date()),
    );
    contactIds.push(...inserted.map((record) => record.id));
  }
  const [company] = await store.transaction((tx) =>
    tx.insertRecords(PORTAL, '0-2', [{ properties: { name: 'Big Co' } }], new Date()),
  );
  const companyId = company!.id;
  const step = Math.floor(CONTACTS / COMPANY_CONTACTS);
  const members = Array.from({ length: COMPANY_CONTACTS }, (_, k) => contactIds[k * step]!);
  for (let start = 0; start < members.length; start += 5000) {
    const rows = members.slice(start, start + 5000).flatMap((contact) => [
      {
        fromObjectTypeId: '0-1',
        fromId: contact,
        toObjectTypeId: '0-2',
        toId: companyId,
        category: 'HUBSPOT_DEFINED',
        typeId: 279,
      } as const,
      {
        fromObjectTypeId: '0-2',
        fromId: companyId,
        toObjectTypeId: '0-1',
        toId: contact,
        category: 'HUBSPOT_DEFINED',
        typeId: 280,
      } as const,
    ]);
    await store.transaction((tx) => tx.insertAssociations(PORTAL, rows));
  }
  return { companyId, contactIds };
}

/**
 * The raw baselines: the plainest SQL answering each search (page and total, in id order as the
 * server's default), by the best index the schema had before search.
 */
interface RawSearches {
  byEmail(email: string): Promise<number>;
  companyPage(companyId: number): Promise<number>;
  close(): Promise<void>;
}

function sqliteRaw(location: string): RawSearches {
  const db = new Database(location, { readonly: true });
  const columns = 'r.object_type_id, r.id, r.properties, r.created_at, r.updated_at, r.archived_at';
  // The expression index upsert uses (migration 4).
  const emailPage = db.prepare(
    `SELECT ${columns} FROM records r WHERE r.portal_id = ? AND r.object_type_id = '0-1'
     AND lower(r.properties ->> '$.email') = ? AND r.archived_at IS NULL ORDER BY r.id LIMIT 10`,
  );
  const emailCount = db.prepare(
    `SELECT count(*) FROM records r WHERE r.portal_id = ? AND r.object_type_id = '0-1'
     AND lower(r.properties ->> '$.email') = ? AND r.archived_at IS NULL`,
  );
  const companyPage = db.prepare(
    `SELECT ${columns} FROM associations a JOIN records r ON r.portal_id = a.portal_id
     AND r.object_type_id = '0-1' AND r.id = a.to_id
     WHERE a.portal_id = ? AND a.from_type = '0-2' AND a.from_id = ? AND a.to_type = '0-1'
     AND r.archived_at IS NULL ORDER BY r.id LIMIT 10`,
  );
  const companyCount = db.prepare(
    `SELECT count(DISTINCT a.to_id) FROM associations a JOIN records r ON r.portal_id = a.portal_id
     AND r.object_type_id = '0-1' AND r.id = a.to_id
     WHERE a.portal_id = ? AND a.from_type = '0-2' AND a.from_id = ? AND a.to_type = '0-1'
     AND r.archived_at IS NULL`,
  );
  return {
    byEmail: (email) => {
      emailCount.get(PORTAL, email.toLowerCase());
      return Promise.resolve(emailPage.all(PORTAL, email.toLowerCase()).length);
    },
    companyPage: (companyId) => {
      companyCount.get(PORTAL, companyId);
      return Promise.resolve(companyPage.all(PORTAL, companyId).length);
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

function postgresRaw(location: string): RawSearches {
  const pool = new pg.Pool({ connectionString: location, max: 1 });
  const columns = 'r.object_type_id, r.id, r.properties, r.created_at, r.updated_at, r.archived_at';
  // One statement each, as the server answers a search: the matches are materialized, then
  // counted and their first ten taken. The email index is partial, and PostgreSQL uses an
  // expression index's statistics only when it is not, so it assumes 0.5% of the contacts (5,000)
  // match; given only the ids, it would then walk the primary key in id order for ten of them,
  // reading the table up to the one match. The email matches are therefore read whole, by the
  // index, and sorted. The company's ids are sorted and merged with the primary key, which meets
  // ten of them early here (every hundredth contact is the company's).
  const email = `WITH m AS MATERIALIZED (
       SELECT ${columns} FROM records r WHERE r.portal_id = $1 AND r.object_type_id = '0-1'
       AND lower((r.properties ->> 'email') COLLATE "C") = $2 AND r.archived_at IS NULL)
     SELECT (SELECT count(*) FROM m) AS total, m.* FROM m ORDER BY m.id LIMIT 10`;
  const company = `WITH m AS MATERIALIZED (
       SELECT DISTINCT a.to_id AS id FROM associations a
       WHERE a.portal_id = $1 AND a.from_type = '0-2' AND a.from_id = $2 AND a.to_type = '0-1')
     SELECT (SELECT count(*) FROM m) AS total, ${columns} FROM m JOIN records r
     ON r.portal_id = $1 AND r.object_type_id = '0-1' AND r.id = m.id
     WHERE r.archived_at IS NULL ORDER BY r.id LIMIT 10`;
  const rows = async (sql: string, params: unknown[]) =>
    (await pool.query(sql, params)).rowCount ?? 0;
  return {
    byEmail: (value) => rows(email, [PORTAL, value.toLowerCase()]),
    companyPage: (companyId) => rows(company, [PORTAL, companyId]),
    close: () => pool.end(),
  };
}

async function searchOverHttp(server: BenchServer, body: unknown): Promise<number> {
  const response = await fetch(`${server.url}/crm/v3/objects/contacts/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`search → ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { total: number }).total;
}

/** Times `rounds` calls one after another, after a tenth as many to warm up. */
async function timeEach(rounds: number, call: (round: number) => Promise<unknown>) {
  for (let round = 0; round < Math.ceil(rounds / 10); round++) await call(round + rounds);
  const durations: number[] = [];
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    const before = performance.now();
    await call(round);
    durations.push(performance.now() - before);
  }
  return summarise(durations, performance.now() - started);
}

interface Row {
  readonly engine: Engine;
  readonly workload: string;
  readonly target: number;
  readonly server: { p50Ms: number; p99Ms: number };
  /** The server's own time (its request log: from the request's arrival to the answer sent). */
  readonly inServerP50Ms: number;
  readonly raw: { p50Ms: number; p99Ms: number };
  /** `GET /_emulator/whoami` with the same client: every hook of an API request, no store. */
  readonly ceilingP50Ms: number;
}

/** The median of the durations the server logged for its last search requests. */
async function inServerP50(server: BenchServer): Promise<number> {
  const response = await fetch(`${server.url}/_emulator/requests?limit=200`);
  const { results } = (await response.json()) as {
    results: { path: string; durationMs: number }[];
  };
  const durations = results
    .filter((entry) => entry.path.endsWith('/search'))
    .map((entry) => entry.durationMs)
    .sort((a, b) => a - b);
  return durations[Math.floor(durations.length / 2)] ?? Number.NaN;
}

/**
 * The best server/raw a server could reach: one HTTP exchange at the ceiling's cost plus the raw
 * statement, and nothing else.
 */
const bestRatio = (row: Row) => row.raw.p50Ms / (row.ceilingP50Ms + row.raw.p50Ms);

async function measure(
  engine: Engine,
): Promise<{ rows: Row[]; loadSeconds: number; sizeMb: number }> {
  const database = await createDatabase(engine);
  try {
    const started = performance.now();
    const store = await openStore(engine, database.location);
    const { companyId } = await load(store);
    await store.close();
    // Fresh tables have no statistics: PostgreSQL's planner needs them (autovacuum would gather
    // them in a while) for either side's joins.
    await database.analyze();
    const loadSeconds = (performance.now() - started) / 1000;
    console.error(`${engine}: loaded in ${loadSeconds.toFixed(1)} s`);
    const server = await startBenchServer(database.location);
    const raw = engine === 'sqlite' ? sqliteRaw(database.location) : postgresRaw(database.location);
    // A different contact each round, spread over the whole table.
    const pick = (round: number) => emailOf((round * 7919) % CONTACTS);
    try {
      const eq = (round: number) => ({
        filterGroups: [
          { filters: [{ propertyName: 'email', operator: 'EQ', value: pick(round) }] },
        ],
      });
      const ceiling = await timeEach(ROUNDS, async () => {
        const response = await fetch(`${server.url}/_emulator/whoami`);
        if (!response.ok) throw new Error(`whoami → ${response.status}`);
        await response.json();
      });
      const serverEq = await timeEach(ROUNDS, async (round) => {
        if ((await searchOverHttp(server, eq(round))) !== 1) throw new Error('EQ found no contact');
      });
      const inServerEq = await inServerP50(server);
      const rawEq = await timeEach(ROUNDS, (round) => raw.byEmail(pick(round)));
      const company = {
        filterGroups: [
          {
            filters: [
              { propertyName: 'associations.company', operator: 'EQ', value: String(companyId) },
            ],
          },
        ],
      };
      const serverCompany = await timeEach(ROUNDS, async () => {
        if ((await searchOverHttp(server, company)) !== COMPANY_CONTACTS)
          throw new Error('wrong total');
      });
      const inServerCompany = await inServerP50(server);
      const rawCompany = await timeEach(ROUNDS, () => raw.companyPage(companyId));
      const sizeMb = (await database.size()) / 2 ** 20;
      return {
        loadSeconds,
        sizeMb,
        rows: [
          {
            engine,
            workload: 'EQ on email',
            target: 5,
            server: serverEq,
            inServerP50Ms: inServerEq,
            raw: rawEq,
            ceilingP50Ms: ceiling.p50Ms,
          },
          {
            engine,
            workload: `first page of a company's ${COMPANY_CONTACTS.toLocaleString('en')} contacts`,
            target: 20,
            server: serverCompany,
            inServerP50Ms: inServerCompany,
            raw: rawCompany,
            ceilingP50Ms: ceiling.p50Ms,
          },
        ],
      };
    } finally {
      await raw.close();
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

async function main(): Promise<void> {
  const engines: Engine[] =
    values.engine === 'both' ? ['sqlite', 'postgres'] : [values.engine as Engine];
  const results = [];
  for (const engine of engines) {
    if (engine === 'postgres' && !(await postgresReachable())) {
      console.error('PostgreSQL is not reachable: skipped');
      continue;
    }
    const result = await measure(engine);
    console.log(JSON.stringify(result, null, 2));
    results.push(result);
  }
  if (!values['no-write']) await writeReport(results);
}

async function writeReport(
  results: { rows: Row[]; loadSeconds: number; sizeMb: number }[],
): Promise<void> {
  const ms = (value: number) => value.toFixed(2);
  const lines = [
    `Measured with \`npm run bench:search -- --contacts ${CONTACTS} --company-contacts ${COMPANY_CONTACTS} --rounds ${ROUNDS}\`, ${new Date().toISOString().slice(0, 10)}: ${CONTACTS.toLocaleString('en')} contacts (four properties each, all indexed), one company with ${COMPANY_CONTACTS.toLocaleString('en')} of them. One request at a time; the ratio is raw p50 / server p50 (the server's rate over the raw rate, one at a time). In server: the server's own p50 from its request log (arrival to answer sent). Ceiling: \`GET /_emulator/whoami\` with the same client; best possible: raw ÷ (ceiling + raw), the ratio of a server whose search cost one HTTP exchange plus the raw statement and nothing more.`,
    '',
    '| Engine | Search | Target p50 ms | Server p50 / p99 ms | In server p50 ms | Raw p50 / p99 ms | Ceiling p50 ms | Server/raw | Best possible | Load s | Database MiB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.flatMap(({ rows, loadSeconds, sizeMb }) =>
      rows.map(
        (row) =>
          `| ${row.engine} | ${row.workload} | ≤ ${row.target} (${row.server.p50Ms <= row.target ? 'met' : 'missed'}) | ${ms(row.server.p50Ms)} / ${ms(row.server.p99Ms)} | ${ms(row.inServerP50Ms)} | ${ms(row.raw.p50Ms)} / ${ms(row.raw.p99Ms)} | ${ms(row.ceilingP50Ms)} | ${(row.raw.p50Ms / row.server.p50Ms).toFixed(2)} | ${bestRatio(row).toFixed(2)} | ${Math.round(loadSeconds)} | ${Math.round(sizeMb).toLocaleString('en')} |`,
      ),
    ),
  ];
  const url = new URL('../docs/performance.md', import.meta.url);
  const text = readFileSync(url, 'utf8');
  const start = '<!-- search:start -->';
  const end = '<!-- search:end -->';
  if (!text.includes(start)) throw new Error(`docs/performance.md has no ${start} marker`);
  const updated = `${text.slice(0, text.indexOf(start) + start.length)}\n${lines.join('\n')}\n${text.slice(text.indexOf(end))}`;
  writeFileSync(url, await format(updated, { parser: 'markdown' }));
}

await main();
