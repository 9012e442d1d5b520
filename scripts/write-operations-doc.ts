// Writes docs/operations.md from the operations the app registers (npm run docs:operations).
import { writeFileSync } from 'node:fs';
import { format } from 'prettier';
import { createCore } from '../src/core/create-core.js';
import { buildApp } from '../src/http/build-app.js';
import { renderOperationsDoc } from '../src/http/operations.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

const store = new SqliteStore({ filename: ':memory:' });
const app = buildApp({ core: createCore({ store }) });
await app.ready();
const markdown = await format(renderOperationsDoc(app.operations), { parser: 'markdown' });
writeFileSync(new URL('../docs/operations.md', import.meta.url), markdown);
await app.close();
await store.close();
