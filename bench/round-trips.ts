// Statements per operation on PostgreSQL (npm run bench:round-trips): each one is a round trip
// to the database, and a write's round trips are all made under its portal's lock, so their
// count bounds a portal's write rate whatever the machine. Counted, not timed: the numbers do
// not depend on load.
import pg from 'pg';
import { createCore } from '../src/core/create-core.js';
import { eventLogWriter } from '../src/events/event-writer.js';
import { resolveObjectType } from '../src/core/object-types.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import { createDatabase } from './lib/databases.js';

const PORTAL = 1;
const path = { from: resolveObjectType('contacts'), to: resolveObjectType('companies') };
const PRIMARY = { category: 'HUBSPOT_DEFINED', typeId: 1 } as const;
const UNLABELED = { category: 'HUBSPOT_DEFINED', typeId: 279 } as const;

/** Counts every query sent through node-postgres, from every client of every pool. */
let statements = 0;
type Query = (this: unknown, ...args: unknown[]) => unknown;
const prototype = pg.Client.prototype as unknown as { query: Query };
const query = Reflect.get<typeof prototype, 'query'>(prototype, 'query');
prototype.query = function counted(this: unknown, ...args: unknown[]) {
  statements++;
  return query.apply(this, args);
};

async function counting(work: () => Promise<unknown>): Promise<number> {
  const before = statements;
  await work();
  return statements - before;
}

const database = await createDatabase('postgres');
const store = await PostgresStore.open({ connectionString: database.location });
try {
  const core = createCore({ store });
  // As the server does: each changing write reads the subscriptions its events may follow.
  core.deliveries.logEventsWith(eventLogWriter(core.clock));
  await core.portals.ensure(PORTAL, 'bench');
  const insert = (type: string, count: number, portalId = PORTAL) =>
    store.transaction((tx) =>
      tx.insertRecords(
        portalId,
        type,
        Array.from({ length: count }, () => ({ properties: {} })),
        new Date(),
      ),
    );
  const contacts = (await insert('0-1', 10)).map((record) => record.id);
  const companies = (await insert('0-2', 2000)).map((record) => record.id);
  const [first, second, third, fourth] = contacts as [number, number, number, number];
  const company = companies[0]!;
  const { associations } = core;
  // As on a server that has been running: a pair write prepares its statements once per
  // connection (the pool hands the same one back to one caller), which is not counted, and the
  // process has read the portal's settings, on which small pair writes are guessed (sent in one
  // round trip). The second round prepares the guessed writes' statements.
  const warm = contacts[9]!;
  for (let round = 0; round < 2; round++) {
    await associations.associateDefault(PORTAL, path, [{ fromId: warm, toId: company }]);
    await associations.archivePairs(PORTAL, path, [{ fromId: warm, toIds: [company] }]);
    await associations.createLabelled(PORTAL, path, [
      { fromId: warm, toId: company, types: [PRIMARY] },
    ]);
    await associations.archivePairs(PORTAL, path, [{ fromId: warm, toIds: [company] }]);
  }
  const rows: [string, number][] = [
    [
      'PUT labelled (Primary), new pair',
      await counting(() =>
        associations.createLabelled(PORTAL, path, [
          { fromId: first, toId: company, types: [PRIMARY] },
        ]),
      ),
    ],
    [
      'PUT default, new pair',
      await counting(() =>
        associations.associateDefault(PORTAL, path, [{ fromId: second, toId: company }]),
      ),
    ],
    [
      'DELETE, one pair',
      await counting(() =>
        associations.archivePairs(PORTAL, path, [{ fromId: second, toIds: [company] }]),
      ),
    ],
    [
      'PUT labelled (Primary), same pair again (a wrong guess, run again)',
      await counting(() =>
        associations.createLabelled(PORTAL, path, [
          { fromId: first, toId: company, types: [PRIMARY] },
        ]),
      ),
    ],
    [
      'batch create, 2,000 inputs',
      await counting(() =>
        associations.createLabelled(
          PORTAL,
          path,
          companies.map((toId) => ({ fromId: third, toId, types: [UNLABELED] })),
        ),
      ),
    ],
  ];
  await core.limits.put(
    PORTAL,
    path,
    [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 5 }],
    'create',
  );
  rows.push([
    'PUT labelled (Primary), new pair, with a limit set',
    await counting(() =>
      associations.createLabelled(PORTAL, path, [
        { fromId: fourth, toId: company, types: [PRIMARY] },
      ]),
    ),
  ]);
  rows.push([
    'objects batch create, 100 contacts with emails, no associations',
    await counting(() =>
      core.records.create(
        PORTAL,
        resolveObjectType('contacts'),
        Array.from({ length: 100 }, (_, index) => ({
          properties: { email: `c${index}@example.com` },
          associations: [],
        })),
      ),
    ),
  ]);
  // On another portal (this one has a limit now), while an app follows association changes:
  // each changing write logs its events as it commits.
  const other = PORTAL + 1;
  await core.portals.ensure(other, 'bench, followed');
  const [followed, linked] = (await insert('0-1', 2, other)).map((record) => record.id) as [
    number,
    number,
  ];
  const target = (await insert('0-2', 1, other))[0]!.id;
  await store.putApp({
    appId: 900,
    clientSecret: 'bench',
    developerKeyHash: null,
    createdAt: new Date(),
  });
  await store.putWebhookSettings(900, {
    targetUrl: 'http://127.0.0.1:9/hooks',
    maxConcurrentRequests: 1,
    period: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  await store.insertSubscription({
    appId: 900,
    eventType: 'contact.associationChange',
    propertyName: null,
    objectTypeId: null,
    active: true,
    createdAt: new Date(),
  });
  // The process reads the portal's settings on a write of its own, then prepares the statements
  // of a guessed write that logs events.
  for (let round = 0; round < 2; round++) {
    await associations.createLabelled(other, path, [
      { fromId: linked, toId: target, types: [PRIMARY] },
    ]);
    await associations.archivePairs(other, path, [{ fromId: linked, toIds: [target] }]);
  }
  rows.push(
    [
      'PUT labelled (Primary), new pair, an association subscription active',
      await counting(() =>
        associations.createLabelled(other, path, [
          { fromId: followed, toId: target, types: [PRIMARY] },
        ]),
      ),
    ],
    [
      'DELETE, one pair, an association subscription active',
      await counting(() =>
        associations.archivePairs(other, path, [{ fromId: followed, toIds: [target] }]),
      ),
    ],
  );
  console.log('| Operation | Statements (round trips) |\n| --- | --- |');
  for (const [name, count] of rows) console.log(`| ${name} | ${count} |`);
} finally {
  await store.close();
  await database.drop();
}
