import { describeRunStore, describeServerStores } from '@driftwatch/core/testing';
import { afterEach, describe } from 'vitest';
import { PostgresRunStore } from './PostgresRunStore.js';
import { postgresPlugin } from './postgresPlugin.js';
import { dropSchema, postgresForTests, testDatabaseUrl, testSchema } from './testing/index.js';

const available = await postgresForTests();

// Each test's stores work in a schema of their own, dropped after the test.
const schemas: string[] = [];
afterEach(async () => {
  for (const schema of schemas.splice(0)) await dropSchema(schema);
});

describe.skipIf(!available)('the PostgreSQL store against the contract suites', () => {
  describeRunStore({
    plugin: postgresPlugin,
    type: 'postgres',
    options: () => {
      const schema = testSchema();
      schemas.push(schema);
      return { url: testDatabaseUrl, schema, poolSize: 4 };
    },
    durable: true,
  });

  describeServerStores({
    name: 'postgres',
    make: async () => {
      const schema = testSchema();
      const store = new PostgresRunStore({ url: testDatabaseUrl, schema, poolSize: 4 });
      return {
        store,
        close: async () => {
          await store.shutdown();
          await dropSchema(schema);
        },
      };
    },
  });
});
