// What the benchmarks write into the docs: the machine line, and the generated sections.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { format } from 'prettier';

/** Cores, CPU, memory, Node, commit and date: what a reader needs to weigh the numbers. */
export function machine(): string {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const memory = Math.round(totalmem() / 2 ** 30);
  return `${cpus().length} × ${cpu}, ${memory} GiB, Node ${process.version}, commit ${commit}, ${new Date().toISOString().slice(0, 10)}`;
}

/** Replaces the text between the markers of a generated section of the document. */
export function replaceSection(doc: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`the document has no ${name} markers`);
  return `${doc.slice(0, from + start.length)}\n${body}\n${doc.slice(to)}`;
}

/** Writes `body` into the section of the document, formatted as the repository formats it. */
export async function writeSection(doc: URL, name: string, body: string): Promise<void> {
  const updated = replaceSection(readFileSync(doc, 'utf8'), name, body);
  writeFileSync(doc, await format(updated, { parser: 'markdown' }));
}
