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

test('a task queued while the queue is idle starts after the I/O that came before it', async () => {
  const queue = new SerialQueue();
  const events: string[] = [];
  // Stands for a socket read that completed before the task was queued.
  setImmediate(() => events.push('I/O callback'));
  await queue.run(() => events.push('task'));
  assert.deepEqual(events, ['I/O callback', 'task']);
});

test('small tasks queued behind one another run back to back, without I/O between them', async () => {
  // A budget no pause of a loaded machine reaches: the order is what the test reads.
  const queue = new SerialQueue(60_000);
  const events: string[] = [];
  const first = queue.run(() => {
    events.push('first task');
    // Stands for a socket read that completes while the first task holds the connection.
    setImmediate(() => events.push('I/O callback'));
  });
  const second = queue.run(() => events.push('second task'));
  const third = queue.run(() => events.push('third task'));
  await Promise.all([first, second, third]);
  await new Promise(setImmediate);
  assert.deepEqual(events, ['first task', 'second task', 'third task', 'I/O callback']);
});

test('once a run of tasks has taken a millisecond, the I/O that came meanwhile goes first', async () => {
  const queue = new SerialQueue();
  const events: string[] = [];
  const first = queue.run(() => {
    events.push('first task');
    setImmediate(() => events.push('I/O callback'));
    // A task of a large batch: its statements hold the thread past the budget.
    const until = performance.now() + 2;
    while (performance.now() < until);
  });
  const second = queue.run(() => events.push('second task'));
  await Promise.all([first, second]);
  assert.deepEqual(events, ['first task', 'I/O callback', 'second task']);
});
