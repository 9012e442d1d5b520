// Connection behaviour of a listening server: neither stalled clients nor many idle connections
// stop it from answering everyone else, and stalled clients are cut off after the timeout.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { test, type TestContext } from 'node:test';
import { buildTestApp } from '../helpers/test-app.js';

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

/** A connection that sends headers and a sliver of its body, then stalls. */
async function stalledClient(port: number): Promise<net.Socket> {
  const socket = await connect(port);
  socket.write(
    'POST /crm/v3/objects/contacts HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n' +
      'content-length: 1000\r\n\r\n{"prop',
  );
  return socket;
}

async function listening(t: TestContext, requestTimeoutMs?: number) {
  const { app } = await buildTestApp(t, requestTimeoutMs ? { requestTimeoutMs } : {});
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, port: Number(new URL(url).port) };
}

test('stalled and idle connections do not keep other clients waiting', async (t) => {
  const { url, port } = await listening(t);
  const stalled = await Promise.all(Array.from({ length: 20 }, () => stalledClient(port)));
  const idle = await Promise.all(Array.from({ length: 200 }, () => connect(port)));
  try {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        fetch(`${url}/crm/v3/objects/contacts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ properties: { email: `other${index}@example.com` } }),
        }),
      ),
    );
    assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([201]));
    assert.ok(
      stalled.every((socket) => !socket.destroyed),
      'the others were answered while every stalled client was still connected',
    );
  } finally {
    for (const socket of [...stalled, ...idle]) socket.destroy();
  }
});

test('a stalled client is answered 408 in the envelope and disconnected after the request timeout, and nothing is written', async (t) => {
  const { url, port } = await listening(t, 500);
  const stalled = await stalledClient(port);
  const received: Buffer[] = [];
  stalled.on('data', (chunk: Buffer) => received.push(chunk));
  await once(stalled, 'close');
  const answer = Buffer.concat(received).toString('utf8');
  assert.match(answer, /^HTTP\/1\.1 408 /);
  const envelope = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { status: string };
  assert.equal(envelope.status, 'error');
  const listed = await fetch(`${url}/crm/v3/objects/contacts`);
  assert.deepEqual(((await listed.json()) as { results: unknown[] }).results, []);
});
