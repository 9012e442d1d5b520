// The scale benchmark (npm run bench:scale): loads a million records and ten million
// associations into SQLite through the API, and compares reads of the same records on the
// nearly empty database and on the full one, with the server's memory sampled throughout.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { format } from 'prettier';
import { createDatabase } from './lib/databases.js';
import { startBenchServer, type BenchServer } from './lib/server-process.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    associations: { type: 'string', default: '10000000' },
    'no-write': { type: 'boolean', default: false },
  },
});
const RECORDS = Number(values.records);
const ASSOCIATIONS = Number(values.associations);
/** Companies per contact: the associations divided among half the records. */
const FAN_OUT = Math.max(1, Math.round(ASSOCIATIONS / (RECORDS / 2)));
const PROBED = 1000;
const LOADERS = 4;
const UNLABELED = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 };

async function post(server: BenchServer, path: string, body: unknown): Promise<any> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} → ${response.status}: ${await response.text()}`);
  return response.json();
}

/** Runs `count` jobs on LOADERS concurrent loops. */
async function inParallel(count: number, job: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: LOADERS }, async () => {
      for (let index = next++; index < count; index = next++) await job(index);
    }),
  );
}

async function createRecords(server: BenchServer, objectType: string, count: number) {
  const ids = new Array<number>(count);
  await inParallel(Math.ceil(count / 100), async (batch) => {
    const size = Math.min(100, count - batch * 100);
    const inputs = Array.from({ length: size }, () => ({ properties: { name: 'scale' } }));
    const created = await post(server, `/crm/v3/objects/${objectType}/batch/create`, { inputs });
    created.results.forEach((record: { id: string }, index: number) => {
      ids[batch * 100 + index] = Number(record.id);
    });
  });
  return ids;
}

/** Each contact with FAN_OUT companies, 2,000 pairs per request. */
async function associate(server: BenchServer, contacts: number[], companies: number[]) {
  const perRequest = Math.floor(2000 / FAN_OUT);
  await inParallel(Math.ceil(contacts.length / perRequest), async (batch) => {
    const slice = contacts.slice(batch * perRequest, (batch + 1) * perRequest);
    const inputs = slice.flatMap((contact, offset) =>
      Array.from({ length: FAN_OUT }, (_, k) => ({
        from: { id: String(contact) },
        to: { id: String(companies[(batch * perRequest + offset + k * 7919) % companies.length]) },
        types: [UNLABELED],
      })),
    );
    await post(server, '/crm/v4/associations/contacts/companies/batch/create', { inputs });
  });
}

interface Latency {
  readonly p50: number;
  readonly p99: number;
}

async function timed(rounds: number, read: () => Promise<unknown>): Promise<Latency> {
  const durations: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    await read();
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  const at = (fraction: number) => durations[Math.floor(fraction * (durations.length - 1))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

/** Batch read of the probed contacts and GET lists of single contacts, one at a time. */
async function probe(server: BenchServer, contacts: number[]) {
  const inputs = contacts.slice(0, PROBED).map((id) => ({ id: String(id) }));
  const batchRead = await timed(100, () =>
    post(server, '/crm/v4/associations/contacts/companies/batch/read', { inputs }),
  );
  let round = 0;
  const list = await timed(500, async () => {
    const contact = contacts[round++ % PROBED];
    await (
      await fetch(`${server.url}/crm/v4/objects/contacts/${contact}/associations/companies`)
    ).text();
  });
  return { batchRead, list };
}

async function main(): Promise<void> {
  const database = await createDatabase('sqlite');
  const server = await startBenchServer(database.location);
  const memory: number[] = [];
  const sampler = setInterval(() => memory.push(server.rssMb()), 2000);
  try {
    const started = performance.now();
    const contacts = await createRecords(server, 'contacts', RECORDS / 2);
    const companies = await createRecords(server, 'companies', RECORDS / 2);
    await associate(server, contacts.slice(0, PROBED), companies);
    const empty = await probe(server, contacts);
    await associate(server, contacts.slice(PROBED), companies);
    const loadSeconds = (performance.now() - started) / 1000;
    const full = await probe(server, contacts);
    const result = {
      records: RECORDS,
      associations: contacts.length * FAN_OUT,
      loadSeconds,
      fileMb: (await database.size()) / 2 ** 20,
      memory: { firstMb: memory[0] ?? 0, lastMb: memory.at(-1) ?? 0, peakMb: server.peakRssMb() },
      empty,
      full,
    };
    console.log(JSON.stringify(result, null, 2));
    if (!values['no-write']) await writeReport(result);
  } finally {
    clearInterval(sampler);
    await server.stop();
    await database.drop();
  }
}

async function writeReport(result: {
  records: number;
  associations: number;
  loadSeconds: number;
  fileMb: number;
  memory: { firstMb: number; lastMb: number; peakMb: number };
  empty: { batchRead: Latency; list: Latency };
  full: { batchRead: Latency; list: Latency };
}): Promise<void> {
  const ms = (value: number) => value.toFixed(1);
  const row = (name: string, empty: Latency, full: Latency) =>
    `| ${name} | ${ms(empty.p50)} / ${ms(empty.p99)} | ${ms(full.p50)} / ${ms(full.p99)} | ${(full.p50 / empty.p50).toFixed(2)} |`;
  const body = [
    `Measured with \`npm run bench:scale\`: ${result.records.toLocaleString('en')} records and ${result.associations.toLocaleString('en')} associations (twice as many rows, both directions) loaded through the API in ${Math.round(result.loadSeconds)} s (${Math.round(result.associations / result.loadSeconds).toLocaleString('en')} associations/s including the records); database file ${Math.round(result.fileMb).toLocaleString('en')} MiB. Server memory (RSS) ${Math.round(result.memory.firstMb)} MiB at the start of the load, ${Math.round(result.memory.lastMb)} MiB at its end, peak ${Math.round(result.memory.peakMb)} MiB.`,
    '',
    '| Read of the same records | nearly empty: p50 / p99 ms | full: p50 / p99 ms | full/empty p50 |',
    '| --- | --- | --- | --- |',
    row(
      `batch read, ${PROBED} contacts × ${FAN_OUT} companies`,
      result.empty.batchRead,
      result.full.batchRead,
    ),
    row(`GET list, one contact's ${FAN_OUT} companies`, result.empty.list, result.full.list),
  ].join('\n');
  for (const doc of ['../docs/performance.md', '../docs/scaling.md']) {
    const url = new URL(doc, import.meta.url);
    const text = readFileSync(url, 'utf8');
    const start = '<!-- scale:start -->';
    const end = '<!-- scale:end -->';
    const updated = `${text.slice(0, text.indexOf(start) + start.length)}\n${body}\n${text.slice(text.indexOf(end))}`;
    writeFileSync(url, await format(updated, { parser: 'markdown' }));
  }
}

await main();
