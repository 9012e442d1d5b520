// The SDK conformance harness: a listening server over a fresh store of the engine under test
// (TEST_STORE), with every answer of every test checked against its route's declared schema.
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { createCore } from '../../src/core/create-core.js';
import { buildApp } from '../../src/http/build-app.js';
import { ErrorReplySchema } from '../../src/http/schemas/replies.js';
import { schemaProblems } from './reply-schemas.js';
import { createTestStore } from './test-store.js';

/** One request and its answer, with the schema its route declares for the answer's status. */
interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly payload: string;
  readonly schema: TSchema | undefined;
}

export interface RawResponse {
  readonly status: number;
  /** The parsed JSON answer; undefined when the answer has no body. */
  readonly body: any;
}

export interface ConformanceServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash; set once the `before` hook has run. */
  readonly baseUrl: string;
  /** A raw JSON request with a Bearer token, for the families an SDK does not speak. */
  readonly raw: (method: string, path: string, body?: unknown) => Promise<RawResponse>;
}

export const CONFORMANCE_TOKEN = 'conformance';

/**
 * Registers the file's hooks: `before` opens a store, listens and hands the address to `connect`
 * (where the file builds its clients: Node 20 does not wait for one root `before` hook before
 * starting the next), `afterEach` checks every answer the test received, `after` closes both.
 */
export function serveForConformance(connect: (baseUrl: string) => void): ConformanceServer {
  const exchanges: Exchange[] = [];
  let app: FastifyInstance | undefined;
  let dispose: (() => Promise<void>) | undefined;
  let baseUrl: string | undefined;

  before(async () => {
    const testStore = await createTestStore();
    dispose = testStore.dispose;
    app = buildApp({ core: createCore({ store: testStore.store }) });
    recordExchanges(app, exchanges);
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    connect(baseUrl);
  });
  after(async () => {
    await app?.close();
    await dispose?.();
  });
  afterEach(() => {
    checkExchanges(exchanges.splice(0));
  });

  const server: ConformanceServer = {
    get baseUrl() {
      assert.ok(baseUrl, 'the server is not listening yet');
      return baseUrl;
    },
    raw: (method, path, body) => rawRequest(server.baseUrl, method, path, body),
  };
  return server;
}

function recordExchanges(app: FastifyInstance, exchanges: Exchange[]): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    const schemas = request.routeOptions.schema?.response as Record<number, TSchema> | undefined;
    exchanges.push({
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      // Reads send their JSON already encoded, as a Buffer; serialized answers come as strings.
      payload: Buffer.isBuffer(payload)
        ? payload.toString('utf8')
        : typeof payload === 'string'
          ? payload
          : '',
      schema: schemas?.[reply.statusCode],
    });
    done(null, payload);
  });
}

/** Every answer matches its route's declared schema, or HubSpot's error body; a 204 is empty. */
function checkExchanges(seen: readonly Exchange[]): void {
  assert.ok(seen.length > 0, 'the test sent no request');
  for (const exchange of seen) {
    const where = `${exchange.method} ${exchange.url} → ${exchange.status}`;
    if (exchange.status === 204) {
      assert.equal(exchange.payload, '', where);
      continue;
    }
    const schema = exchange.status >= 400 ? ErrorReplySchema : exchange.schema;
    assert.ok(schema, `${where} has no declared response schema`);
    const body: unknown = JSON.parse(exchange.payload);
    assert.deepEqual(schemaProblems(schema, body), [], where);
  }
}

async function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<RawResponse> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${CONFORMANCE_TOKEN}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}
