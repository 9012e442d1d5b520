// The benchmarked workloads: what the server is asked over HTTP, and the same rows done raw.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchRequest } from './load.js';
import type { Pair, RawBaseline } from './raw-baselines.js';

/** Ids of records the setup created through the server, or chose for the raw baseline. */
export interface Records {
  readonly contacts: number[];
  readonly companies: number[];
}

/** Sends setup requests to the server under benchmark. */
export type Send = (method: string, path: string, body?: unknown) => Promise<any>;

export interface Workload {
  readonly name: string;
  /**
   * `ceiling`: the server's cheapest authenticated route, no store work (raw has no counterpart);
   * `single`: a one-pair operation, compared with the ceiling as well as with raw.
   */
  readonly kind?: 'ceiling' | 'single';
  /** What throughput counts: associations written, targets read, or records created. */
  readonly unit: string;
  readonly unitsPerRequest: number;
  /** Requests per run: the same work at every concurrency. */
  readonly requests: number;
  /** Requests sent before the measured ones (indices after theirs), to warm both sides up. */
  readonly warmup: number;
  /**
   * Creates what the requests need, through the server; returns what `request` reads. `indices`
   * is how many request indices the run will use (`requests` + `warmup`, as `--scale` sets them):
   * a workload that writes a fresh record's pairs per request makes that many records.
   */
  setup(send: Send, indices: number): Promise<Setup>;
  /** The same data, straight into the raw baseline's database. */
  setupRaw(raw: RawBaseline, indices: number): Promise<Setup>;
  request(setup: Setup, index: number): BenchRequest;
  /** The same operation raw; none for the ceiling. */
  raw: ((raw: RawBaseline, setup: Setup, index: number) => Promise<unknown>) | null;
}

/** What a setup leaves for the requests: record ids and, for paging, cursors or page starts. */
export interface Setup extends Records {
  readonly pages: string[];
  readonly pageStarts: number[];
}

const UNLABELED = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 };
const PRIMARY = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 };

/** Creates records of a type through the objects API, 100 per request. */
async function createRecords(send: Send, objectType: string, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < count; start += 100) {
    const inputs = Array.from({ length: Math.min(100, count - start) }, (_, index) => ({
      properties: { name: `${objectType} ${start + index}` },
    }));
    const created = await send('POST', `/crm/v3/objects/${objectType}/batch/create`, { inputs });
    ids.push(...created.results.map((record: { id: string }) => Number(record.id)));
  }
  return ids;
}

/** Associates pairs through v4 batch create, 2,000 per request. */
export async function associate(
  send: Send,
  pairs: readonly Pair[],
  { primary = false }: { readonly primary?: boolean } = {},
): Promise<void> {
  for (let start = 0; start < pairs.length; start += 2000) {
    const inputs = pairs.slice(start, start + 2000).map(([contact, company]) => ({
      from: { id: String(contact) },
      to: { id: String(company) },
      types: primary ? [PRIMARY] : [UNLABELED],
    }));
    await send('POST', '/crm/v4/associations/contacts/companies/batch/create', { inputs });
  }
}

/** Ids the raw baseline uses in place of created records: the server's own first ids. */
function rawIds(count: number, offset: number): number[] {
  return Array.from({ length: count }, (_, index) => 10_000_000_001 + offset + index);
}

export async function recordsOf(send: Send, contacts: number, companies: number): Promise<Setup> {
  return {
    contacts: await createRecords(send, 'contacts', contacts),
    companies: await createRecords(send, 'companies', companies),
    pages: [],
    pageStarts: [],
  };
}

function rawRecordsOf(contacts: number, companies: number): Setup {
  return {
    contacts: rawIds(contacts, 0),
    companies: rawIds(companies, contacts),
    pages: [],
    pageStarts: [],
  };
}

/** Ten companies per contact, spread over the companies. */
function fanOut(setup: Records): Pair[] {
  return setup.contacts.flatMap((contact, index) =>
    Array.from({ length: 10 }, (_, k): Pair => [
      contact,
      setup.companies[(index * 7 + k) % setup.companies.length]!,
    ]),
  );
}

export const batchCreate: Workload = {
  name: 'v4 batch create, 2,000 inputs',
  unit: 'associations/s',
  unitsPerRequest: 2000,
  requests: 40,
  warmup: 5,
  setup: (send, indices) => recordsOf(send, indices, 2000),
  setupRaw: (_raw, indices) => Promise.resolve(rawRecordsOf(indices, 2000)),
  request: (setup, index) => ({
    method: 'POST',
    path: '/crm/v4/associations/contacts/companies/batch/create',
    body: JSON.stringify({
      inputs: setup.companies.map((company) => ({
        from: { id: String(setup.contacts[index]) },
        to: { id: String(company) },
        types: [UNLABELED],
      })),
    }),
  }),
  raw: (raw, setup, index) =>
    raw.insertPairs(setup.companies.map((company): Pair => [setup.contacts[index]!, company])),
};

/** Nothing listens on the discard port: deliveries fail at once and wait for their retry. */
export const REFUSING_TARGET = 'http://127.0.0.1:9/hooks';

let receiver: Promise<string> | null = null;
/**
 * A receiver in this process that takes every POST (reads its body whole, answers 204), started
 * at first use and left running until the benchmark ends; resolves to its URL.
 */
export function acceptingTarget(): Promise<string> {
  receiver ??= new Promise((resolve) => {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`);
    });
  });
  return receiver;
}

const BENCH_APP = 900;
const BENCH_DEVELOPER_KEY = 'bench-developer-key';

/**
 * An app with one active `contact.associationChange` subscription, sending to `targetUrl`;
 * resolves to the subscription's id.
 */
export async function subscribeToAssociationChanges(
  send: Send,
  targetUrl: string,
): Promise<number> {
  const key = BENCH_DEVELOPER_KEY;
  await send('PUT', `/_emulator/apps/${BENCH_APP}`, {
    clientSecret: 'bench-secret',
    developerApiKey: key,
  });
  await send('PUT', `/webhooks/v3/${BENCH_APP}/settings?hapikey=${key}`, {
    targetUrl,
    throttling: { maxConcurrentRequests: 10 },
  });
  const subscription = (await send(
    'POST',
    `/webhooks/v3/${BENCH_APP}/subscriptions?hapikey=${key}`,
    {
      eventType: 'contact.associationChange',
      active: true,
    },
  )) as { id: string | number };
  return Number(subscription.id);
}

/** Turns the subscription `subscribeToAssociationChanges` made on or off. */
export async function setSubscriptionActive(send: Send, id: number, active: boolean) {
  await send(
    'PATCH',
    `/webhooks/v3/${BENCH_APP}/subscriptions/${id}?hapikey=${BENCH_DEVELOPER_KEY}`,
    { active },
  );
}

/**
 * `batchCreate` while an app subscribes to association changes: every request logs 2,000 events.
 * Its target refuses them, so the row holds the cost of logging events, not of sending them.
 */
const batchCreateSubscribed: Workload = {
  ...batchCreate,
  name: 'events: v4 batch create, 2,000 inputs, one association subscription',
  setup: async (send, indices) => {
    const setup = await batchCreate.setup(send, indices);
    await subscribeToAssociationChanges(send, REFUSING_TARGET);
    return setup;
  },
};

/**
 * The same, with a receiver that takes every POST: the events are also written, signed and sent
 * (about 1 MB of JSON per request) while the writes go on, and the receiver's reading shares the
 * load generator's process.
 */
const batchCreateDelivered: Workload = {
  ...batchCreate,
  name: 'events delivered: v4 batch create, 2,000 inputs, one association subscription',
  setup: async (send, indices) => {
    const setup = await batchCreate.setup(send, indices);
    await subscribeToAssociationChanges(send, await acceptingTarget());
    return setup;
  },
};

const batchRead: Workload = {
  name: 'v4 batch read, 1,000 ids × 10 associations',
  unit: 'targets/s',
  unitsPerRequest: 10_000,
  // 60 requests left a 50-connection run one request per connection: a single burst.
  requests: 200,
  warmup: 20,
  setup: async (send) => {
    const setup = await recordsOf(send, 1000, 100);
    await associate(send, fanOut(setup));
    return setup;
  },
  setupRaw: async (raw) => {
    const setup = rawRecordsOf(1000, 100);
    await raw.insertPairs(fanOut(setup));
    return setup;
  },
  request: (setup) => ({
    method: 'POST',
    path: '/crm/v4/associations/contacts/companies/batch/read',
    body: JSON.stringify({ inputs: setup.contacts.map((id) => ({ id: String(id) })) }),
  }),
  raw: (raw, setup) => raw.readTargets(setup.contacts),
};

const listPages: Workload = {
  name: 'v4 GET list, 500-target pages of a record with 10,000',
  unit: 'targets/s',
  unitsPerRequest: 500,
  requests: 400,
  warmup: 20,
  setup: async (send) => {
    const setup = await recordsOf(send, 10_000, 1);
    const [company] = setup.companies;
    await associate(
      send,
      setup.contacts.map((contact): Pair => [contact, company!]),
    );
    const pages = [''];
    for (let page = 1; page < 20; page++) {
      const path = `/crm/v4/objects/companies/${company}/associations/contacts?limit=500${pages.at(-1)}`;
      const answer = await send('GET', path);
      pages.push(`&after=${answer.paging.next.after as string}`);
    }
    return { ...setup, pages };
  },
  setupRaw: async (raw) => {
    const setup = rawRecordsOf(10_000, 1);
    await raw.insertPairs(setup.contacts.map((contact): Pair => [contact, setup.companies[0]!]));
    const pageStarts = Array.from({ length: 20 }, (_, page) => setup.contacts[page * 500 - 1] ?? 0);
    return { ...setup, pageStarts };
  },
  request: (setup, index) => ({
    method: 'GET',
    path: `/crm/v4/objects/companies/${setup.companies[0]}/associations/contacts?limit=500${setup.pages[index % 20]}`,
  }),
  raw: (raw, setup, index) => raw.readPage(setup.companies[0]!, setup.pageStarts[index % 20]!, 500),
};

/**
 * Requests of each single-pair workload and of the ceiling. why: at 3,000 a run of the ceiling
 * lasted 60–170 ms, short enough for one pause of the shared machine to move it.
 */
const SINGLE_REQUESTS = 10_000;
/**
 * Requests sent before them. why: a server that has just started runs its routes' code
 * unoptimised until V8 has compiled it, and the load generator's own code is cold too. With 100,
 * every single-pair workload and the ceiling measured about half their steady rate (SQLite,
 * 10 connections: the ceiling 8,078 against 15,000 a second). 5,000 were not enough for the
 * ceiling: on a fresh server, runs of 5,000 then 3,000 at a time read 12,000, 17,900, 37,200,
 * 45,100, then 50,000–57,000 a second from the fifth on, and a ceiling still warming up made
 * every ratio to it look better than it was (PUT labelled read 0.62 of a ceiling of 23,136 a
 * second; warm, 0.37 of 44,528). In windows of 1,000 on one server, PUT labelled's main thread
 * took 320, 240, 170, 150, 130 µs per PUT and V8's compiler threads 280, 260, 100, 40, 30 µs.
 * A running server is warm.
 */
export const SINGLE_WARMUP = 20_000;

/** The HTTP ceiling: every hook an API request passes (auth, scopes, the request log), no store. */
export const CEILING: Workload = {
  name: 'HTTP ceiling: GET /_emulator/whoami',
  kind: 'ceiling',
  unit: 'requests/s',
  unitsPerRequest: 1,
  requests: SINGLE_REQUESTS,
  warmup: SINGLE_WARMUP,
  setup: () => Promise.resolve(rawRecordsOf(0, 0)),
  setupRaw: () => Promise.resolve(rawRecordsOf(0, 0)),
  request: () => ({ method: 'GET', path: '/_emulator/whoami' }),
  raw: null,
};

export const putLabelled: Workload = {
  name: 'v4 PUT labelled (Primary), one pair',
  kind: 'single',
  unit: 'associations/s',
  unitsPerRequest: 1,
  requests: SINGLE_REQUESTS,
  warmup: SINGLE_WARMUP,
  setup: (send, indices) => recordsOf(send, indices, 1),
  setupRaw: (_raw, indices) => Promise.resolve(rawRecordsOf(indices, 1)),
  request: (setup, index) => ({
    method: 'PUT',
    path: `/crm/v4/objects/contacts/${setup.contacts[index]}/associations/companies/${setup.companies[0]}`,
    body: JSON.stringify([PRIMARY]),
  }),
  raw: (raw, setup, index) => raw.putLabelled([setup.contacts[index]!, setup.companies[0]!]),
};

const putDefault: Workload = {
  name: 'v4 PUT default, one pair',
  kind: 'single',
  unit: 'associations/s',
  unitsPerRequest: 1,
  requests: SINGLE_REQUESTS,
  warmup: SINGLE_WARMUP,
  setup: (send, indices) => recordsOf(send, indices, 1),
  setupRaw: (_raw, indices) => Promise.resolve(rawRecordsOf(indices, 1)),
  request: (setup, index) => ({
    method: 'PUT',
    path: `/crm/v4/objects/contacts/${setup.contacts[index]}/associations/default/companies/${setup.companies[0]}`,
  }),
  raw: (raw, setup, index) => raw.insertPairs([[setup.contacts[index]!, setup.companies[0]!]]),
};

/** Each contact with one company, unlinked by one request each. */
export const deletePair: Workload = {
  name: 'v4 DELETE, one pair',
  kind: 'single',
  unit: 'associations/s',
  unitsPerRequest: 1,
  requests: SINGLE_REQUESTS,
  warmup: SINGLE_WARMUP,
  setup: async (send, indices) => {
    const setup = await recordsOf(send, indices, 1);
    await associate(
      send,
      setup.contacts.map((contact): Pair => [contact, setup.companies[0]!]),
    );
    return setup;
  },
  setupRaw: async (raw, indices) => {
    const setup = rawRecordsOf(indices, 1);
    await raw.insertPairs(setup.contacts.map((contact): Pair => [contact, setup.companies[0]!]));
    return setup;
  },
  request: (setup, index) => ({
    method: 'DELETE',
    path: `/crm/v4/objects/contacts/${setup.contacts[index]}/associations/companies/${setup.companies[0]}`,
  }),
  raw: (raw, setup, index) => raw.deletePair([setup.contacts[index]!, setup.companies[0]!]),
};

/** Three companies per contact, each contact's list read in turn. */
const listFew: Workload = {
  name: 'v4 GET list, a record with 3 associations',
  kind: 'single',
  unit: 'requests/s',
  unitsPerRequest: 1,
  requests: SINGLE_REQUESTS,
  warmup: SINGLE_WARMUP,
  setup: async (send) => {
    const setup = await recordsOf(send, 100, 10);
    await associate(send, threeEach(setup));
    return setup;
  },
  setupRaw: async (raw) => {
    const setup = rawRecordsOf(100, 10);
    await raw.insertPairs(threeEach(setup));
    return setup;
  },
  request: (setup, index) => ({
    method: 'GET',
    path: `/crm/v4/objects/contacts/${setup.contacts[index % 100]}/associations/companies`,
  }),
  raw: (raw, setup, index) => raw.readTargets([setup.contacts[index % 100]!]),
};

function threeEach(setup: Records): Pair[] {
  return setup.contacts.flatMap((contact, index) =>
    [0, 1, 2].map((k): Pair => [contact, setup.companies[(index + k) % setup.companies.length]!]),
  );
}

/** Contacts in the portal before the objects batch creates start. */
const EXISTING_CONTACTS = 2000;

const objectsCreate: Workload = {
  name: 'objects batch create, 100 contacts',
  unit: 'records/s',
  unitsPerRequest: 100,
  requests: 300,
  warmup: 10,
  // A portal that has contacts already, as one being imported into usually does; the database
  // is then analysed (as autovacuum does a table that has grown) before the measured requests.
  setup: async (send) => {
    await createRecords(send, 'contacts', EXISTING_CONTACTS);
    return rawRecordsOf(0, 0);
  },
  setupRaw: async (raw) => {
    await raw.insertRecords(20_000_000_001, EXISTING_CONTACTS);
    return rawRecordsOf(0, 0);
  },
  request: (_setup, index) => ({
    method: 'POST',
    path: '/crm/v3/objects/contacts/batch/create',
    body: JSON.stringify({
      inputs: Array.from({ length: 100 }, (_, k) => ({
        properties: { email: `r${index * 100 + k}@example.com` },
      })),
    }),
  }),
  raw: (raw, _setup, index) => raw.insertRecords(10_000_000_001 + index * 100, 100),
};

export const WORKLOADS: readonly Workload[] = [
  batchCreate,
  batchCreateSubscribed,
  batchCreateDelivered,
  batchRead,
  listPages,
  CEILING,
  putLabelled,
  putDefault,
  deletePair,
  listFew,
  objectsCreate,
];
