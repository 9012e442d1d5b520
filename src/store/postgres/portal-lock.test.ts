// The in-process side of the portal lock: shared holders together, exclusive ones alone, in order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PortalLock, type PortalLockMode } from './portal-lock.js';

/** Asks for the lock and records when it is granted; returns the release once granted. */
function ask(lock: PortalLock, mode: PortalLockMode, name: string, granted: string[]) {
  return lock.acquire(7, mode).then((release) => {
    granted.push(name);
    return release;
  });
}

/** Lets every granted promise settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('shared holders go in together; an exclusive one waits for all of them', async () => {
  const lock = new PortalLock();
  const granted: string[] = [];
  const a = ask(lock, 'shared', 'a', granted);
  const b = ask(lock, 'shared', 'b', granted);
  const x = ask(lock, 'exclusive', 'x', granted);
  await settle();
  assert.deepEqual(granted, ['a', 'b']);
  (await a)();
  await settle();
  assert.deepEqual(granted, ['a', 'b']);
  (await b)();
  await settle();
  assert.deepEqual(granted, ['a', 'b', 'x']);
  (await x)();
});

test('a shared request behind a waiting exclusive one waits its turn (no starvation)', async () => {
  const lock = new PortalLock();
  const granted: string[] = [];
  const a = ask(lock, 'shared', 'a', granted);
  const x = ask(lock, 'exclusive', 'x', granted);
  const b = ask(lock, 'shared', 'b', granted);
  const c = ask(lock, 'shared', 'c', granted);
  await settle();
  assert.deepEqual(granted, ['a']);
  (await a)();
  await settle();
  assert.deepEqual(granted, ['a', 'x']);
  (await x)();
  await settle();
  assert.deepEqual(granted, ['a', 'x', 'b', 'c']);
  (await b)();
  (await c)();
});

test('exclusive holders go one at a time; a release called twice lets in one waiter only', async () => {
  const lock = new PortalLock();
  const granted: string[] = [];
  const x = ask(lock, 'exclusive', 'x', granted);
  const y = ask(lock, 'exclusive', 'y', granted);
  const z = ask(lock, 'exclusive', 'z', granted);
  await settle();
  assert.deepEqual(granted, ['x']);
  const release = await x;
  release();
  release();
  await settle();
  assert.deepEqual(granted, ['x', 'y']);
  (await y)();
  await settle();
  assert.deepEqual(granted, ['x', 'y', 'z']);
  (await z)();
});

test('portals do not wait on each other', async () => {
  const lock = new PortalLock();
  const first = await lock.acquire(1, 'exclusive');
  const second = await lock.acquire(2, 'exclusive');
  first();
  second();
});
