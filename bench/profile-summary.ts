// Sums a CPU profile (node --cpu-prof) by function: where the last seconds of a run went.
// Usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [--last SECONDS] [--top N]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  /** Microseconds from each sample to the next. */
  readonly timeDeltas: readonly number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    last: { type: 'string', default: '0' },
    top: { type: 'string', default: '30' },
  },
});

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.split('/').at(-1) ?? '';
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
}

/** Milliseconds of samples per function, on top of the stack (self) and anywhere in it. */
function summarise(profile: CpuProfile, lastSeconds: number) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  const ends: number[] = [];
  let clock = 0;
  for (const delta of profile.timeDeltas) ends.push((clock += delta));
  const from = lastSeconds > 0 ? clock - lastSeconds * 1e6 : -Infinity;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((sample, index) => {
    // A sample stands for the time until the next one.
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    if ((ends[index] ?? 0) < from) return;
    total += ms;
    const top = byId.get(sample);
    if (!top) return;
    self.set(label(top), (self.get(label(top)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parentOf.get(id)) {
      const node = byId.get(id);
      if (!node || seen.has(label(node))) continue;
      seen.add(label(node));
      inclusive.set(label(node), (inclusive.get(label(node)) ?? 0) + ms);
    }
  });
  return { total, self, inclusive };
}

function print(title: string, times: Map<string, number>, top: number): void {
  console.log(`\n${title}`);
  const sorted = [...times].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, ms] of sorted) console.log(`${ms.toFixed(1).padStart(9)} ms  ${name}`);
}

const [file] = positionals;
if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile [--last SECONDS]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const { total, self, inclusive } = summarise(profile, Number(values.last));
console.log(`${total.toFixed(1)} ms sampled`);
print('Self time (on top of the stack)', self, Number(values.top));
print('Inclusive time (anywhere in the stack)', inclusive, Number(values.top));
