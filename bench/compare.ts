// Two builds side by side in one run (npm run bench:compare -- <other checkout> [--http]): single
// requests (PUTs labelled, DELETEs or GET lists) through each one, alternated in rounds, so that
// this machine's drift, which moves a rate by up to 2 × over minutes, falls on both alike. It tells
// whether a change made a single request cheaper; `npm run bench` and `bench:in-process` give the
// levels against raw.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as CreateCore from '../src/core/create-core.js';
import type * as ObjectTypes from '../src/core/object-types.js';
import type { Store } from '../src/core/ports.js';
import type * as EventWriter from '../src/events/event-writer.js';
import type * as Postgres from '../src/store/postgres/postgres-store.js';
import type * as Sqlite from '../src/store/sqlite/sqlite-store.js';
import { callersRound, type Round } from './lib/callers-round.js';
import { databaseCpuOf } from './lib/database-cpu.js';
import { assertEnginesReachable, createDatabase, type Engine } from './lib/databases.js';
import { runLoad } from './lib/load.js';
import { sender } from './lib/measure.js';
import { median } from './lib/report.js';
import type * as ServerProcess from './lib/server-process.js';
import type { Pair } from './lib/raw-baselines.js';
import { associate, recordsOf, SINGLE_WARMUP } from './lib/workloads.js';

const PORTAL = 1;
/** As the HTTP bench's single-pair workloads, so that each side's server is warm (see there). */
const WARMUP = SINGLE_WARMUP;
const ROUND = 2000;
const CALLERS = 10;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    engine: { type: 'string', default: 'postgres' },
    rounds: { type: 'string', default: '8' },
    http: { type: 'boolean', default: false },
    /**
     * `put`: PUT labelled (Primary) of a new pair; `again`: the same PUT of a pair that has it
     * already; `delete`: DELETE of a linked pair; `list`: GET list of a contact with three
     * companies.
     */
    operation: { type: 'string', default: 'put' },
  },
});
const [other] = positionals;
if (other === undefined)
  throw new Error('usage: npm run bench:compare -- <other checkout> [--http] [--engine sqlite]');
const engine = values.engine as Engine;
const rounds = Number(values.rounds);
const count = WARMUP + ROUND * rounds;
const OPERATIONS = {
  put: 'PUT labelled (Primary)',
  again: 'PUT labelled (Primary) of a pair that has it',
  delete: 'DELETE of a linked pair',
  list: 'GET list of a contact with 3 companies',
} as const;
const operation = values.operation as keyof typeof OPERATIONS;
if (!(operation in OPERATIONS)) throw new Error('--operation is put, again, delete or list');
const deleting = operation === 'delete';
const again = operation === 'again';
const listing = operation === 'list';
const operationName = OPERATIONS[operation];
/** Companies per contact: each read lists three; each write links one. */
const companiesPerContact = listing ? 3 : 1;
/** Reads go round these contacts; writes take a new one each. */
const LISTED_CONTACTS = 2000;

interface Side {
  readonly root: string;
  /** Sends the next `count` requests. */
  readonly measure: (count: number) => Promise<Round>;
  readonly close: () => Promise<void>;
  readonly rounds: Round[];
}

/**
 * A module of a checkout, by its path there. Only the code measured comes from each checkout (its
 * `src`, and its built server through its own `server-process.ts`); the bench's setup and
 * measuring are this one's.
 */
function loader(root: string) {
  return <T>(path: string) => import(pathToFileURL(resolve(root, path)).href) as Promise<T>;
}

/** One checkout's core in this process, on a database of its own. */
async function inProcess(root: string): Promise<Side> {
  const load = loader(root);
  const { createCore } = await load<typeof CreateCore>('src/core/create-core.ts');
  const { eventLogWriter } = await load<typeof EventWriter>('src/events/event-writer.ts');
  const { resolveObjectType } = await load<typeof ObjectTypes>('src/core/object-types.ts');
  const database = await createDatabase(engine);
  const store: Store =
    engine === 'sqlite'
      ? new (await load<typeof Sqlite>('src/store/sqlite/sqlite-store.ts')).SqliteStore({
          filename: database.location,
        })
      : await (
          await load<typeof Postgres>('src/store/postgres/postgres-store.ts')
        ).PostgresStore.open({ connectionString: database.location });
  const core = createCore({ store });
  // As the server does: each changing write reads the subscriptions its events may follow.
  core.deliveries.logEventsWith(eventLogWriter(core.clock));
  await core.portals.ensure(PORTAL, 'bench');
  const insert = (type: string, amount: number) =>
    store.transaction((tx) =>
      tx.insertRecords(
        PORTAL,
        type,
        Array.from({ length: amount }, () => ({ properties: {} })),
        new Date(),
      ),
    );
  const contacts = (await insert('0-1', listing ? LISTED_CONTACTS : count)).map(
    (record) => record.id,
  );
  const companies = (await insert('0-2', companiesPerContact)).map((record) => record.id);
  const company = companies[0] ?? 0;
  const path = { from: resolveObjectType('contacts'), to: resolveObjectType('companies') };
  const primary = { category: 'HUBSPOT_DEFINED', typeId: 1 } as const;
  if (deleting || listing) {
    for (let start = 0; start < contacts.length; start += 100) {
      const inputs = contacts
        .slice(start, start + 100)
        .flatMap((fromId) => companies.map((toId) => ({ fromId, toId })));
      await core.associations.associateDefault(PORTAL, path, inputs);
    }
  }
  if (again) {
    for (let start = 0; start < contacts.length; start += 100) {
      const inputs = contacts
        .slice(start, start + 100)
        .map((fromId) => ({ fromId, toId: company, types: [primary] }));
      await core.associations.createLabelled(PORTAL, path, inputs);
    }
  }
  const once = (fromId: number) => {
    if (listing) return core.associations.getPage(PORTAL, path, String(fromId), {});
    return deleting
      ? core.associations.archivePairs(PORTAL, path, [{ fromId, toIds: [company] }])
      : core.associations.createLabelled(PORTAL, path, [
          { fromId, toId: company, types: [primary] },
        ]);
  };
  let next = 0;
  const measure = (amount: number): Promise<Round> => {
    const first = next;
    next += amount;
    return callersRound(
      CALLERS,
      amount,
      (index) => once(contacts[(first + index) % contacts.length] ?? 0),
      () => databaseCpuOf(engine, database.location),
    );
  };
  const close = async () => {
    await store.close();
    await database.drop();
  };
  return { root, measure, close, rounds: [] };
}

/** One checkout's built server (its `dist`), on a database of its own, as `npm run bench` runs it. */
async function overHttp(root: string): Promise<Side> {
  const { startBenchServer } = await loader(root)<typeof ServerProcess>(
    'bench/lib/server-process.ts',
  );
  const database = await createDatabase(engine);
  const server = await startBenchServer(database.location);
  const send = sender(server);
  const { contacts, companies } = await recordsOf(
    send,
    listing ? LISTED_CONTACTS : count,
    companiesPerContact,
  );
  const company = companies[0] ?? 0;
  if (deleting || listing || again)
    await associate(
      send,
      contacts.flatMap((contact) => companies.map((target): Pair => [contact, target])),
      { primary: again },
    );
  await database.analyze();
  const body = JSON.stringify([{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }]);
  let next = 0;
  const measure = async (amount: number): Promise<Round> => {
    const first = next;
    next += amount;
    const databaseCpu = await databaseCpuOf(engine, database.location);
    const before = server.cpuMs();
    const result = await runLoad(server.url, CALLERS, amount, (index) => {
      const contact = contacts[(first + index) % contacts.length];
      const list = `/crm/v4/objects/contacts/${contact}/associations/companies`;
      if (listing) return { method: 'GET', path: list };
      const path = `${list}/${company}`;
      return deleting ? { method: 'DELETE', path } : { method: 'PUT', path, body };
    });
    if (result.failures > 0) throw new Error(`${root}: ${result.failures} requests failed`);
    const after = server.cpuMs();
    return {
      perSecond: result.requestsPerSecond,
      processMs: (after.main + after.others - before.main - before.others) / amount,
      databaseMs: (await databaseCpu()) / amount,
    };
  };
  const close = async () => {
    await server.stop();
    await database.drop();
  };
  return { root, measure, close, rounds: [] };
}

await assertEnginesReachable([engine]);
const sideOf = values.http ? overHttp : inProcess;
const sides = [await sideOf(resolve('.')), await sideOf(resolve(other))];
try {
  for (const side of sides) await side.measure(WARMUP);
  for (let round = 0; round < rounds; round++)
    for (const side of sides) side.rounds.push(await side.measure(ROUND));
  const how = values.http ? `over HTTP, ${CALLERS} connections` : `in process, ${CALLERS} callers`;
  console.log(
    `${engine}, ${operationName} ${how}, ${rounds} alternated rounds of ${ROUND}, medians:`,
  );
  console.log(
    '| Checkout | Requests/s | Process CPU ms per request | PostgreSQL CPU ms per request |',
  );
  console.log('| --- | --- | --- | --- |');
  for (const side of sides) {
    const of = (pick: (round: Round) => number, digits: number) =>
      median(side.rounds.map(pick)).toFixed(digits);
    console.log(
      `| ${side.root} | ${of((round) => round.perSecond, 0)} | ${of((round) => round.processMs, 3)} | ${of((round) => round.databaseMs, 3)} |`,
    );
  }
} finally {
  for (const side of sides) await side.close();
}
