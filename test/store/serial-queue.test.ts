// The embedded store's queue: one task at a time, in order, letting waiting I/O in between.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SerialQueue } from '../../src/store/serial-queue.js';

test('tasks run one at a time, in the order queued, even when one fails', async () => {
  const queue = new SerialQueue();
  const events: string[] = [];
  const task =
    (name: string, fail = false) =>
    async () => {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    };
  const results = await Promise.allSettled([
    queue.run(task('a')),
    queue.run(task('b', true)),
    queue.run(task('c')),
  ]);
  assert.deepEqual(events, ['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  assert.deepEqual(
    results.map((result) => result.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
});

test('I/O that arrives while a task runs is handled before the next task starts', async () => {
  const queue = new SerialQueue();
  const events: string[] = [];
  const first = queue.run(() => {
    events.push('first task');
    // Stands for a socket read that completes while the first task holds the connection.
    setImmediate(() => events.push('I/O callback'));
  });
  const second = queue.run(() => events.push('second task'));
  await Promise.all([first, second]);
  assert.deepEqual(events, ['first task', 'I/O callback', 'second task']);
});
