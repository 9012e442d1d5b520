// The server's OpenAPI document: valid OpenAPI 3, served to anyone, and listing every operation
// the server answers with its method, path, success statuses, summary and family.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { startServer } from '../../src/index.js';
import { documentedOperations, documentedStatuses } from '../../src/http/operations.js';

async function fetchDocument(url: string): Promise<OpenAPIV3.Document> {
  const response = await fetch(`${url}/_emulator/openapi.json`);
  assert.equal(response.status, 200, 'served without a token, even in strict mode');
  return (await response.json()) as OpenAPIV3.Document;
}

test('the OpenAPI document lists every operation served, as served', async (t) => {
  const server = await startServer({ auth: 'strict', adminToken: 'admin-token-for-tests' });
  t.after(() => server.close());
  const document = await fetchDocument(server.url);
  const served = server.app.operations;
  assert.ok(served.length > 150, 'the server registers its operations');
  for (const operation of served) {
    const method = operation.method.toLowerCase() as 'get' | 'put' | 'post' | 'delete' | 'patch';
    const described = document.paths[operation.path]?.[method];
    const name = `${operation.method} ${operation.path}`;
    assert.ok(described, `${name} is in the document`);
    assert.deepEqual(documentedStatuses(described), [...operation.statuses], `${name} statuses`);
    assert.equal(described.summary, operation.summary, `${name} summary`);
    assert.deepEqual(described.tags, [operation.family], `${name} family`);
  }
  assert.equal(documentedOperations(document).length, served.length, 'and nothing else');
  // Validation dereferences the document in place, so it is given a copy.
  await SwaggerParser.validate(structuredClone(document) as never);
});

test('the document carries the request and response schemas of the operations', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const document = await fetchDocument(server.url);
  const create =
    document.paths['/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/create']?.post;
  assert.ok(create, 'v4 batch create is described');
  const body = (create.requestBody as OpenAPIV3.RequestBodyObject).content['application/json'];
  assert.deepEqual((body?.schema as OpenAPIV3.SchemaObject).required, ['inputs']);
  assert.deepEqual(Object.keys(create.responses), ['201', '207']);
  const success = (create.responses['201'] as OpenAPIV3.ResponseObject).content;
  const envelope = success?.['application/json']?.schema as OpenAPIV3.SchemaObject;
  assert.ok(envelope.properties?.['results'], 'the batch envelope is described');
  assert.equal(create['x-batch-limit' as never], 2000);
  const read = document.paths['/crm/v3/objects/{objectType}/{objectId}']?.get;
  const parameters = (read?.parameters ?? []) as OpenAPIV3.ParameterObject[];
  assert.deepEqual(
    parameters
      .filter((p) => p.in === 'path')
      .map((p) => p.name)
      .sort(),
    ['objectId', 'objectType'],
  );
  assert.ok(parameters.some((p) => p.in === 'query' && p.name === 'associations'));
});
