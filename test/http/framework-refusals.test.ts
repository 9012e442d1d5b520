// Requests the framework or Node's HTTP parser refuse (bad percent-encoding, over-long URLs and
// parameters, oversized headers, malformed HTTP) answer HubSpot's envelope with a correlation id,
// and in strict mode an unauthenticated one answers 401 first.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, test } from 'node:test';
import { ALL_SCOPES } from '../../src/core/scopes.js';
import { MAX_HEADER_BYTES, MAX_URL_LENGTH } from '../../src/http/framework-refusals.js';
import { ErrorReplySchema } from '../../src/http/schemas/replies.js';
import { schemaProblems } from '../helpers/reply-schemas.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const ADMIN_TOKEN = 'admin-secret';

/** Asserts an answer is HubSpot's envelope with this status and category, and its id in the header. */
function assertEnvelope(
  answer: { status: number; body: unknown; headers: Record<string, unknown> },
  status: number,
  category = 'VALIDATION_ERROR',
): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.deepEqual(schemaProblems(ErrorReplySchema, answer.body), []);
  const body = answer.body as { correlationId: string; category: string };
  assert.equal(body.category, category);
  assert.match(body.correlationId, /^[0-9a-f-]{36}$/);
  assert.equal(answer.headers['x-hubspot-correlation-id'], body.correlationId);
}

/** A raw HTTP exchange over a socket: the server's whole answer, parsed just enough. */
async function rawExchange(port: number, request: string | Buffer) {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.write(request);
  });
  // A request the parser took before the bad bytes is answered first; the refusal comes last.
  const answers = text.split(/(?=HTTP\/1\.1 \d{3} )/);
  const [head = '', body = ''] = (answers.at(-1) ?? '').split('\r\n\r\n', 2);
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: JSON.parse(body) as unknown,
  };
}

async function listening(app: TestApp): Promise<number> {
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.app.server.address();
  assert.ok(address && typeof address === 'object');
  return address.port;
}

async function get(app: TestApp, url: string, headers: Record<string, string> = {}) {
  const response = await app.app.inject({ method: 'GET', url, headers });
  return {
    status: response.statusCode,
    body: JSON.parse(response.body) as unknown,
    headers: response.headers,
  };
}

describe('refusals made by the router', () => {
  for (const encoded of ['%ZZ', '%C0%AF', '%E2%82', '%']) {
    test(`a path parameter ${encoded} answers 400 in the envelope`, async (t) => {
      const app = await buildTestApp(t);
      const answer = await get(app, `/crm/v4/objects/contacts/${encoded}/associations/companies`);
      assertEnvelope(answer, 400);
    });
  }

  test('a path parameter longer than the router used to take is refused as an id, not by the router', async (t) => {
    const app = await buildTestApp(t);
    const answer = await get(app, `/crm/v3/objects/contacts/${'1'.repeat(500)}`);
    assertEnvelope(answer, 404, 'OBJECT_NOT_FOUND');
  });

  test(`a URL over ${MAX_URL_LENGTH} characters answers 414 in the envelope`, async (t) => {
    const app = await buildTestApp(t);
    const long = `/crm/v4/objects/contacts/1/associations/companies?after=${'a'.repeat(MAX_URL_LENGTH)}`;
    assertEnvelope(await get(app, long), 414);
    const longParameter = `/crm/v3/objects/contacts/${'1'.repeat(MAX_URL_LENGTH + 1)}`;
    assertEnvelope(await get(app, longParameter), 414);
  });

  test('in strict mode a refused URL without a known token answers 401 first', async (t) => {
    const app = await buildTestApp(t, { auth: 'strict', adminToken: ADMIN_TOKEN });
    const bad = '/crm/v4/objects/contacts/%ZZ/associations/companies';
    assertEnvelope(await get(app, bad), 401, 'INVALID_AUTHENTICATION');
    const unknown = { authorization: 'Bearer nobody' };
    assertEnvelope(await get(app, bad, unknown), 401, 'INVALID_AUTHENTICATION');
    const long = `/crm/v3/objects/contacts/1?after=${'a'.repeat(MAX_URL_LENGTH)}`;
    assertEnvelope(await get(app, long), 401, 'INVALID_AUTHENTICATION');

    const { token } = await app.core.tokens.create(1, { scopes: ALL_SCOPES });
    const known = { authorization: `Bearer ${token}` };
    assertEnvelope(await get(app, bad, known), 400);
    assertEnvelope(await get(app, long, known), 414);
    assertEnvelope(await get(app, bad, { authorization: `Bearer ${ADMIN_TOKEN}` }), 400);
  });
});

describe("refusals made by Node's HTTP parser, over a socket", () => {
  test(`request line and headers over ${MAX_HEADER_BYTES} bytes answer 431 in the envelope`, async (t) => {
    const app = await buildTestApp(t);
    const port = await listening(app);
    const header = `x-padding: ${'p'.repeat(MAX_HEADER_BYTES)}\r\n`;
    const answer = await rawExchange(
      port,
      `GET /crm/v3/objects/contacts HTTP/1.1\r\nHost: x\r\n${header}\r\n`,
    );
    assertEnvelope(answer, 431);
    const url = `/crm/v3/objects/contacts?after=${'a'.repeat(MAX_HEADER_BYTES)}`;
    assertEnvelope(await rawExchange(port, `GET ${url} HTTP/1.1\r\nHost: x\r\n\r\n`), 431);
  });

  test('a URL over the limit but within the header bytes answers 414 over a socket too', async (t) => {
    const app = await buildTestApp(t);
    const port = await listening(app);
    const url = `/crm/v3/objects/contacts?after=${'a'.repeat(MAX_URL_LENGTH)}`;
    // This refusal keeps the connection open (the request was read whole): the client closes it.
    const request = `GET ${url} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;
    assertEnvelope(await rawExchange(port, request), 414);
  });

  test('garbage after a good request on one connection: the request is answered, then the garbage', async (t) => {
    const app = await buildTestApp(t);
    const port = await listening(app);
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
      socket.write('GET /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\nNOT HTTP\r\n\r\n');
    });
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => match[1]);
    assert.deepEqual(statuses, ['200', '400'], text);
    const last = JSON.parse(text.slice(text.lastIndexOf('\r\n\r\n') + 4)) as unknown;
    assert.deepEqual(schemaProblems(ErrorReplySchema, last), []);
  });

  test('a request that does not arrive within the request timeout answers 408 in the envelope', async (t) => {
    const app = await buildTestApp(t, { requestTimeoutMs: 500 });
    const port = await listening(app);
    const stalled =
      'POST /crm/v3/objects/contacts HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n' +
      'content-length: 1000\r\n\r\n{"prop';
    assertEnvelope(await rawExchange(port, stalled), 408);
  });

  const malformed: Record<string, string | Buffer> = {
    'garbage instead of a request line': 'NOT HTTP AT ALL\r\n\r\n',
    'a header line without a colon': 'GET / HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n',
    'a NUL byte in the URL': Buffer.from('GET /crm/v3/\u0000objects HTTP/1.1\r\nHost: x\r\n\r\n'),
    'a bad Content-Length': 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
    'two Content-Lengths that disagree':
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
    'a bad chunk size':
      'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n',
    'an unknown HTTP version': 'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
  };
  for (const [name, request] of Object.entries(malformed)) {
    test(`${name} answers 400 in the envelope`, async (t) => {
      const app = await buildTestApp(t);
      const port = await listening(app);
      assertEnvelope(await rawExchange(port, request), 400);
    });
  }
});
