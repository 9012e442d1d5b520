// Builds an in-process app over a fresh store of the engine under test, closed when the test ends.
import type { TestContext } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createCore, type Core, type CoreOptions } from '../../src/core/create-core.js';
import type { Store } from '../../src/core/ports.js';
import type { RateLimits } from '../../src/http/access/rate-limits.js';
import { buildApp, DEFAULT_PORTAL_ID, type AppOptions } from '../../src/http/build-app.js';
import { DEFAULT_PORTAL_NAME } from '../../src/server/start-server.js';
import { createTestStore } from './test-store.js';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly core: Core;
  readonly store: Store;
  /** Sends a JSON request (with a Bearer token, when given) and parses the answer. */
  request(
    method: string,
    url: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<TestResponse>;
  /** Creates records of a type through the objects API; returns their ids. */
  createRecords(objectType: string, count: number, options?: RequestOptions): Promise<string[]>;
}

/** What a test request carries besides its body. */
export interface RequestOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  readonly headers?: Record<string, string>;
}

/** App options a test may set; rate limits are counted by the test's store. */
export type TestAppOptions = Partial<Omit<AppOptions, 'core' | 'rateLimits'>> &
  Omit<CoreOptions, 'store'> & { readonly rateLimits?: RateLimits };

export interface TestResponse {
  readonly status: number;
  readonly body: any;
  readonly headers: LightMyRequestResponse['headers'];
  readonly text: string;
}

export async function buildTestApp(t: TestContext, options: TestAppOptions = {}): Promise<TestApp> {
  const { clock, settings, rateLimits, ...appOptions } = options;
  const { store, dispose } = await createTestStore();
  const core = createCore({
    store,
    ...(clock ? { clock } : {}),
    ...(settings ? { settings } : {}),
  });
  await core.portals.ensure(DEFAULT_PORTAL_ID, DEFAULT_PORTAL_NAME);
  const app = buildApp({
    ...appOptions,
    core,
    ...(rateLimits ? { rateLimits: { limits: rateLimits, counter: store.requestCounter } } : {}),
  });
  t.after(async () => {
    await app.close();
    await dispose();
  });
  await app.ready();

  const request = async (
    method: string,
    url: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<TestResponse> => {
    const headers: Record<string, string> = {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    };
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    const text = response.body;
    return {
      status: response.statusCode,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
      headers: response.headers,
      text,
    };
  };

  const createRecords = async (
    objectType: string,
    count: number,
    options: RequestOptions = {},
  ): Promise<string[]> => {
    const inputs = Array.from({ length: count }, (_, index) => ({
      properties: { name: `${objectType} ${index}` },
    }));
    const ids: string[] = [];
    for (let start = 0; start < inputs.length; start += 100) {
      const response = await request(
        'POST',
        `/crm/v3/objects/${objectType}/batch/create`,
        {
          inputs: inputs.slice(start, start + 100),
        },
        options,
      );
      if (response.status !== 201) throw new Error(`batch create failed: ${response.text}`);
      ids.push(...(response.body.results as { id: string }[]).map((result) => result.id));
    }
    return ids;
  };

  return { app, core, store, request, createRecords };
}
