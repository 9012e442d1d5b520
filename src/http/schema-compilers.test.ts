// Schemas compile on first use, so a schema that cannot compile would only fail its first request:
// every operation's schemas are compiled here, and compiled functions are shared between apps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifySchemaCompiler } from 'fastify';
import { AJV_OPTIONS } from './build-app.js';
import { FAMILIES } from './families.js';
import { routeSchema } from './mount-operations.js';
import { allOperations } from './routes/index.js';
import type { ControlState } from './routes/control.js';
import { SHARED_SCHEMA_COMPILERS } from './schema-compilers.js';

const { buildValidator, buildSerializer } = SHARED_SCHEMA_COMPILERS.compilersFactory;
/** Fastify hands the compilers its `ajv` option completed with its defaults. */
const ajvOptions = { ...AJV_OPTIONS, plugins: [] };

function operations() {
  const control = { uiDirectory: null } as ControlState;
  return allOperations(FAMILIES, { mode: 'open', defaultPortalId: 1 }, control);
}

test("every operation's request and response schemas compile", () => {
  const validatorOf = buildValidator({}, ajvOptions) as FastifySchemaCompiler<unknown>;
  const serializerOf = buildSerializer({}, {}) as (route: object) => (payload: unknown) => string;
  let compiled = 0;
  for (const operation of operations()) {
    const url = operation.paths[0] ?? '';
    const { response, ...parts } = routeSchema(operation);
    for (const [httpPart, schema] of Object.entries(parts)) {
      const validate = validatorOf({ schema, method: operation.method, url, httpPart });
      // The first call compiles; its answer is beside the point here.
      assert.doesNotThrow(() => validate({}), `${operation.method} ${url} ${httpPart}`);
      compiled += 1;
    }
    for (const [httpStatus, schema] of Object.entries(response ?? {})) {
      const serialize = serializerOf({ schema, method: operation.method, url, httpStatus });
      try {
        // A payload of the schema's own kind, so that only a schema fault can make it throw.
        serialize((schema as { type?: string }).type === 'array' ? [] : {});
      } catch (error) {
        // A payload of the wrong shape may be refused; a schema that cannot compile may not.
        assert.doesNotMatch(String(error), /schema|compile|resolve/i, `${url} ${httpStatus}`);
      }
      compiled += 1;
    }
  }
  assert.ok(compiled > 300, `${compiled} schemas compiled`);
});

test('a schema is compiled once per process, whichever app asks', () => {
  const first = operations().find((operation) => operation.request.body !== undefined);
  const again = operations().find((operation) => operation.summary === first?.summary);
  assert.ok(first?.request.body && again?.request.body);
  const validatorOf = buildValidator({}, ajvOptions) as FastifySchemaCompiler<unknown>;
  const route = { method: 'POST' as const, url: '/', httpPart: 'body' };
  const one = validatorOf({ ...route, schema: first.request.body });
  const other = validatorOf({ ...route, schema: structuredClone(again.request.body) });
  assert.equal(one, other, 'equal schemas share one compiled validator');
});
