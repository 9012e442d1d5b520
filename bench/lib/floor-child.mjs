// The server of bench/floor.ts: the built server, whose v4 PUT labelled can skip the core for plain
// statements, so that the HTTP work and the SQL a PUT needs are measured apart. Never a product path.
import Database from 'better-sqlite3';
import { createInterface } from 'node:readline';
import { destination, pino } from 'pino';

const [distUrl, location] = process.argv.slice(2);
if (!distUrl || !location) throw new Error('usage: node floor-child.mjs <file URL of dist/> <db>');

const { composeServer } = await import(new URL('server/start-server.js', distUrl).href);
const { SqliteStore } = await import(new URL('store/sqlite/sqlite-store.js', distUrl).href);

// As `serve` composes it: the same store, logger level and defaults.
const store = new SqliteStore({ filename: location });
const logger = pino({ level: 'warn' }, destination(2));
const { app, core } = await composeServer({ store, storeDescription: 'sqlite', logger });

const PORTAL = 1;
const CONTACT = '0-1';
const COMPANY = '0-2';

// A connection of its own, as the raw baseline has: the store's is private to it.
const db = new Database(location);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
/** The four rows of a Primary pair: both directions, unlabelled and Primary (HUBSPOT_DEFINED). */
const insertPair = db.prepare(
  `INSERT OR IGNORE INTO associations VALUES
   (${PORTAL}, '${CONTACT}', @contact, '${COMPANY}', @company, 0, 279),
   (${PORTAL}, '${CONTACT}', @contact, '${COMPANY}', @company, 0, 1),
   (${PORTAL}, '${COMPANY}', @company, '${CONTACT}', @contact, 0, 280),
   (${PORTAL}, '${COMPANY}', @company, '${CONTACT}', @contact, 0, 2)`,
);
/** How many of the two records exist and are not archived: both checks in one statement. */
const liveRecords = db
  .prepare(
    `SELECT (SELECT count(*) FROM records WHERE portal_id = ${PORTAL} AND object_type_id = '${CONTACT}'
             AND id = @contact AND archived_at IS NULL)
          + (SELECT count(*) FROM records WHERE portal_id = ${PORTAL} AND object_type_id = '${COMPANY}'
             AND id = @company AND archived_at IS NULL)`,
  )
  .pluck();
/** The company the contact's Primary points at now, if any: a Primary write moves it. */
const primaryCompany = db
  .prepare(
    `SELECT to_id FROM associations WHERE portal_id = ${PORTAL} AND from_type = '${CONTACT}'
     AND from_id = ? AND to_type = '${COMPANY}' AND category = 0 AND type_id = 1`,
  )
  .pluck();

/**
 * What each mode does for one pair. `core`: the server's own write. `answer`: nothing, the answer
 * only (the HTTP work of a PUT with a body). `insert`: the rows in one transaction, as raw does.
 * `checked`: the fewest statements that make HubSpot's checks (both records live, the Primary
 * that moves) and the insert, in one transaction; labels, limits and subscriptions are taken as
 * known, as a cache would hold them.
 */
const MODES = {
  answer: () => undefined,
  insert: (pair) => {
    db.exec('BEGIN IMMEDIATE');
    insertPair.run(pair);
    db.exec('COMMIT');
  },
  checked: (pair) => {
    db.exec('BEGIN IMMEDIATE');
    try {
      if (liveRecords.get(pair) !== 2) throw new Error('a record of the pair is not live');
      const primary = primaryCompany.get(pair.contact);
      if (primary !== undefined && primary !== pair.company) {
        throw new Error('the bench gives each contact one company');
      }
      insertPair.run(pair);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  },
};

let mode = 'core';
const coreWrite = core.associations.createLabelled;
core.associations.createLabelled = async (portalId, path, inputs) => {
  if (mode === 'core') return coreWrite(portalId, path, inputs);
  const [input] = inputs;
  MODES[mode]({ contact: input.fromId, company: input.toId });
  const labels = ['Primary'];
  const result = { fromObjectTypeId: CONTACT, fromId: input.fromId, toObjectTypeId: COMPANY };
  return { results: [{ ...result, toId: input.toId, labels }], errors: [] };
};

// `mode NAME` on stdin switches the mode; the line echoed on stdout says it has.
createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, name] = line.split(' ');
  if (command !== 'mode' || (name !== 'core' && !(name in MODES))) {
    process.stdout.write(`unknown ${line}\n`);
    return;
  }
  mode = name;
  process.stdout.write(`mode ${name}\n`);
});

const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`hubspot-associations-server listening on ${url} (store: sqlite)\n`);
process.once('SIGTERM', () => {
  void app.close().then(async () => {
    db.close();
    await store.close();
    process.exit(0);
  });
});
