// Writes docs/operations.md from the server's OpenAPI document (npm run docs:operations).
import { writeFileSync } from 'node:fs';
import type { OpenAPIV3 } from 'openapi-types';
import { format } from 'prettier';
import { createCore } from '../src/core/create-core.js';
import { buildApp } from '../src/http/build-app.js';
import { renderOperationsDoc } from '../src/http/operations.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

const store = new SqliteStore({ filename: ':memory:' });
const app = buildApp({ core: createCore({ store }) });
const response = await app.inject({ method: 'GET', url: '/_emulator/openapi.json' });
if (response.statusCode !== 200) throw new Error(`openapi.json answered ${response.statusCode}`);
const document = response.json<OpenAPIV3.Document>();
const markdown = await format(renderOperationsDoc(document), { parser: 'markdown' });
writeFileSync(new URL('../docs/operations.md', import.meta.url), markdown);
await app.close();
await store.close();
