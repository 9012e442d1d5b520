// Builds an in-process app over a fresh store of the engine under test, closed when the test ends.
import type { TestContext } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createCore, type Core, type CoreOptions } from '../../src/core/create-core.js';
import type { Store } from '../../src/core/ports.js';
import { buildApp, type AppOptions } from '../../src/http/build-app.js';
import { createTestStore } from './test-store.js';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly core: Core;
  readonly store: Store;
  /** Sends a JSON request and parses the answer. */
  request(method: string, url: string, body?: unknown): Promise<TestResponse>;
  /** Creates records of a type through the objects API; returns their ids. */
  createRecords(objectType: string, count: number): Promise<string[]>;
}

export interface TestResponse {
  readonly status: number;
  readonly body: any;
  readonly headers: LightMyRequestResponse['headers'];
  readonly text: string;
}

export async function buildTestApp(
  t: TestContext,
  options: Partial<Omit<AppOptions, 'core'>> & Omit<CoreOptions, 'store'> = {},
): Promise<TestApp> {
  const { clock, settings, ...appOptions } = options;
  const { store, dispose } = await createTestStore();
  const core = createCore({
    store,
    ...(clock ? { clock } : {}),
    ...(settings ? { settings } : {}),
  });
  const app = buildApp({ ...appOptions, core });
  t.after(async () => {
    await app.close();
    await dispose();
  });
  await app.ready();

  const request = async (method: string, url: string, body?: unknown): Promise<TestResponse> => {
    const response = await app.inject({
      method: method as 'GET',
      url,
      ...(body === undefined
        ? {}
        : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = response.body;
    return {
      status: response.statusCode,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
      headers: response.headers,
      text,
    };
  };

  const createRecords = async (objectType: string, count: number): Promise<string[]> => {
    const inputs = Array.from({ length: count }, (_, index) => ({
      properties: { name: `${objectType} ${index}` },
    }));
    const ids: string[] = [];
    for (let start = 0; start < inputs.length; start += 100) {
      const response = await request('POST', `/crm/v3/objects/${objectType}/batch/create`, {
        inputs: inputs.slice(start, start + 100),
      });
      if (response.status !== 201) throw new Error(`batch create failed: ${response.text}`);
      ids.push(...(response.body.results as { id: string }[]).map((result) => result.id));
    }
    return ids;
  };

  return { app, core, store, request, createRecords };
}
