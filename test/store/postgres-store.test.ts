// Runs the store contract on PostgreSQL, each test in a database of its own.
import { postgresSkip } from '../helpers/postgres.js';
import { createTestStore } from '../helpers/test-store.js';
import { runStoreContract } from './store.contract.js';

runStoreContract({
  name: 'postgres',
  open: () => createTestStore('postgres'),
  skip: await postgresSkip(),
});
