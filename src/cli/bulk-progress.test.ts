// The progress bar: drawn on a terminal only, with the count and the rate.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startProgress } from './bulk-progress.js';

/** A stand-in for stderr that says whether it is a terminal, and keeps what is written. */
function stderr(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return { stream, text: () => text };
}

test('on a terminal the bar shows the items done and the rate, and is cleared at the end', async () => {
  const { stream, text } = stderr(true);
  const progress = startProgress({ stream, enabled: true, verb: 'exporting' });
  await delay(250);
  progress.advance(1500);
  progress.stop();
  assert.match(text(), /exporting 0 items \| 0 items\/s/);
  assert.match(text(), /exporting 1500 items \| \d+ items\/s \| \d+s/);
  // The cursor is shown again and the line cleared, for the summary line to take its place.
  assert.ok(text().includes('\u001b[?25h'));
  assert.ok(text().endsWith('\u001b[2K'));
});

test('an import from a file shows how much of it has been read', async () => {
  const { stream, text } = stderr(true);
  let read = 0;
  const progress = startProgress({
    stream,
    enabled: true,
    verb: 'importing',
    bytes: { total: 1000, read: () => read },
  });
  await delay(250);
  read = 250;
  progress.advance(1000);
  progress.stop();
  assert.match(text(), /importing \[[^\]]+\] 25% \| 1000 items/);
});

test('piped, or with --no-progress, nothing is drawn', async () => {
  for (const [isTTY, enabled] of [
    [false, true],
    [true, false],
  ] as const) {
    const { stream, text } = stderr(isTTY);
    const progress = startProgress({ stream, enabled, verb: 'exporting' });
    await delay(250);
    progress.advance(5000);
    progress.stop();
    assert.equal(text(), '');
  }
});
