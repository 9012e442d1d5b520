// The startup benchmark (npm run bench:startup): how long a test suite waits for library mode.
// Each run is a fresh Node process that imports the built package and starts two servers, each
// timed to its first answer; the table gives the medians over the runs.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { machine, writeSection } from './lib/docs.js';
import { median } from './lib/report.js';

const DOC = new URL('../docs/performance.md', import.meta.url);
const CHILD = fileURLToPath(new URL('./lib/startup-child.mjs', import.meta.url));

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    /** Another build to measure, e.g. an older commit's, for a before/after comparison. */
    package: {
      type: 'string',
      default: fileURLToPath(new URL('../dist/index.js', import.meta.url)),
    },
    'no-write': { type: 'boolean', default: false },
  },
});

interface Run {
  readonly importMs: number;
  readonly firstMs: number;
  readonly secondMs: number;
  /** CPU time of the same steps (every thread of the process): less swayed by a busy machine. */
  readonly importCpuMs: number;
  readonly firstCpuMs: number;
  readonly secondCpuMs: number;
}

type Step = 'importMs' | 'firstMs' | 'secondMs';
const CPU_OF: Readonly<Record<Step, keyof Run>> = {
  importMs: 'importCpuMs',
  firstMs: 'firstCpuMs',
  secondMs: 'secondCpuMs',
};

/** The targets, in ms: import, first start after import, a second start in the same process. */
const TARGETS: Readonly<Record<Step, number>> = { importMs: 300, firstMs: 300, secondMs: 100 };
const LABELS: Readonly<Record<Step, string>> = {
  importMs: 'import of `dist/index.js`',
  firstMs: 'first `startServer()` to its first answer, after the import',
  secondMs: 'second `startServer()` in the same process, to its first answer',
};

function measureOnce(packageUrl: string): Run {
  const output = execFileSync(process.execPath, [CHILD, packageUrl], { encoding: 'utf8' });
  return JSON.parse(output) as Run;
}

async function main(): Promise<void> {
  const runs = Number(values.runs);
  const packageUrl = pathToFileURL(resolve(values.package)).href;
  // One run first, not counted: it warms the file system cache as a test suite's own runs would.
  measureOnce(packageUrl);
  const results: Run[] = [];
  for (let run = 0; run < runs; run++) results.push(measureOnce(packageUrl));
  const keys = Object.keys(TARGETS) as Step[];
  const rows = keys.map((key) => {
    const times = results.map((result) => result[key]);
    const measured = median(times);
    const spread = `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}`;
    const cpu = median(results.map((result) => result[CPU_OF[key]]));
    const met = measured < TARGETS[key] ? 'met' : 'missed';
    return `| ${LABELS[key]} | < ${TARGETS[key]} | ${measured.toFixed(0)} | ${spread} | ${cpu.toFixed(0)} | ${met} |`;
  });
  const table = [
    '| Step | Target ms | Median ms | Fastest–slowest ms | CPU median ms | |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  console.log(table);
  if (values['no-write']) return;
  await writeSection(
    DOC,
    'startup',
    `Measured on ${machine()} with \`npm run bench:startup\`, ${runs} fresh processes; load average ${loadavg()[0]?.toFixed(1)} at the end (the machine's two cores were shared).\n\n${table}`,
  );
}

await main();
