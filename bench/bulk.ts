// The bulk benchmark (npm run bench:bulk): generates a portal of 100,000 records and 1,000,000
// association rows as NDJSON, and times the built CLI importing and exporting it, as NDJSON and
// as CSV, on SQLite and on PostgreSQL; checks the round trip and writes the numbers into
// docs/scaling.md.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, assertEnginesReachable, type Engine } from './lib/databases.js';
import { machine, writeSection } from './lib/docs.js';
import { statusMb } from './lib/server-process.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    associations: { type: 'string', default: '1000000' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    'no-write': { type: 'boolean', default: false },
  },
});
const RECORDS = Number(values.records);
/** Association rows: each contact–company pair is two rows, one each way. */
const ROWS = Number(values.associations);
const CONTACTS = Math.ceil(RECORDS / 2);
const COMPANIES = RECORDS - CONTACTS;
const FIRST_ID = 10_000_000_001;
const MAIN = new URL('../dist/cli/main.js', import.meta.url).pathname;
const DOC = new URL('../docs/scaling.md', import.meta.url);

/** Writes the generated portal: records first, then each pair's two rows. */
async function generate(file: string): Promise<number> {
  const out = createWriteStream(file);
  let items = 0;
  let text = '';
  const put = async (item: unknown) => {
    items += 1;
    text += `${JSON.stringify(item)}\n`;
    if (text.length < 1 << 16) return;
    if (!out.write(text)) await once(out, 'drain');
    text = '';
  };
  const time = '2024-05-01T12:00:00.000Z';
  await put({
    type: 'portal',
    name: 'bulk bench',
    nextRecordId: FIRST_ID + RECORDS,
    nextLabelTypeId: 1,
  });
  const record = (objectTypeId: string, id: number, properties: Record<string, string>) =>
    put({
      type: 'record',
      objectTypeId,
      id: String(id),
      properties,
      createdAt: time,
      updatedAt: time,
      archivedAt: null,
    });
  for (let n = 0; n < CONTACTS; n++) {
    await record('0-1', FIRST_ID + n, { email: `c${n}@example.com`, firstname: `Contact ${n}` });
  }
  for (let n = 0; n < COMPANIES; n++) {
    await record('0-2', FIRST_ID + CONTACTS + n, { name: `Company ${n}`, domain: `c${n}.example` });
  }
  const pairs = Math.floor(ROWS / 2);
  const perContact = Math.ceil(pairs / CONTACTS);
  for (let pair = 0; pair < pairs; pair++) {
    const contact = FIRST_ID + Math.floor(pair / perContact);
    // Spread each contact's companies over the whole range: no two pairs are the same.
    const company = FIRST_ID + CONTACTS + ((pair * 7919) % COMPANIES);
    const row = { type: 'association', category: 'HUBSPOT_DEFINED' };
    await put({
      ...row,
      fromObjectTypeId: '0-1',
      fromId: String(contact),
      toObjectTypeId: '0-2',
      toId: String(company),
      typeId: 279,
    });
    await put({
      ...row,
      fromObjectTypeId: '0-2',
      fromId: String(company),
      toObjectTypeId: '0-1',
      toId: String(contact),
      typeId: 280,
    });
  }
  out.end(text);
  await once(out, 'finish');
  return items;
}

interface Run {
  readonly seconds: number;
  readonly peakRssMb: number;
}

/** Runs the built CLI to its end, timing it and sampling its peak memory. */
async function cli(args: readonly string[]): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, ...args, '--no-progress'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let peak = 0;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, statusMb(child.pid ?? 0, 'VmHWM'));
    } catch {
      // The process has just ended.
    }
  }, 100);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearInterval(sampler);
  if (code !== 0) throw new Error(`${args.join(' ')} failed (${code}): ${stderr}`);
  process.stderr.write(stderr);
  return { seconds: (performance.now() - started) / 1000, peakRssMb: peak };
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

interface Step extends Run {
  readonly engine: Engine;
  readonly step: string;
  readonly bytes: number;
}

async function benchmark(engine: Engine, dir: string, generated: string): Promise<Step[]> {
  const database = await createDatabase(engine);
  const db = ['--db', database.location];
  const steps: Step[] = [];
  const step = async (name: string, file: string, args: readonly string[]) => {
    const run = await cli(args);
    steps.push({ engine, step: name, bytes: statSync(file).size, ...run });
    console.log(
      `${engine} | ${name} | ${run.seconds.toFixed(1)} s | ${run.peakRssMb.toFixed(0)} MiB`,
    );
  };
  const ndjson = join(dir, `${engine}.ndjson`);
  const csv = join(dir, `${engine}.csv`);
  const again = join(dir, `${engine}-again.ndjson`);
  try {
    await step('import NDJSON', generated, ['import', generated, ...db, '--portal', '1']);
    await step('export NDJSON', ndjson, ['export', ...db, '--portal', '1', '--out', ndjson]);
    await step('export CSV', csv, ['export', ...db, '--portal', '1', '--out', csv]);
    await step('import CSV', csv, ['import', csv, ...db, '--portal', '2']);
    // The CSV copy exports to the same bytes as the portal it came from.
    await cli(['export', ...db, '--portal', '2', '--out', again]);
    if ((await sha256(again)) !== (await sha256(ndjson))) {
      throw new Error(`${engine}: the portal imported from CSV differs from its source`);
    }
  } finally {
    await database.drop();
  }
  return steps;
}

function report(items: number, steps: readonly Step[]): string {
  const rows = steps.map((s) =>
    [
      s.engine,
      s.step,
      `${(s.bytes / 2 ** 20).toFixed(0)} MiB`,
      s.seconds.toFixed(1),
      Math.round(items / s.seconds).toLocaleString('en'),
      s.peakRssMb.toFixed(0),
    ].join(' | '),
  );
  return [
    `Measured on ${machine()} with \`npm run bench:bulk\`: a portal of ${RECORDS.toLocaleString('en')} records and ${ROWS.toLocaleString('en')} association rows (${items.toLocaleString('en')} items), each command run as its own process of the built CLI (its start included). The portal imported from CSV exports to the same bytes as the one it came from.`,
    '',
    '| Engine | Command | File | Seconds | Items/s | Peak RSS MiB |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

async function main(): Promise<void> {
  const engines = values.engines.split(',') as Engine[];
  await assertEnginesReachable(engines);
  const dir = mkdtempSync(join(tmpdir(), 'has-bulk-bench-'));
  try {
    const generated = join(dir, 'generated.ndjson');
    const items = await generate(generated);
    const steps: Step[] = [];
    for (const engine of engines) steps.push(...(await benchmark(engine, dir, generated)));
    const body = report(items, steps);
    console.log(body);
    if (!values['no-write']) await writeSection(DOC, 'bulk', body);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
