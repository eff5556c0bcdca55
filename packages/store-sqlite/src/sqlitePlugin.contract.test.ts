import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeRunStore, describeServerStores } from '@driftwatch/core/testing';
import { SqliteRunStore } from './SqliteRunStore.js';
import { sqlitePlugin } from './sqlitePlugin.js';

describeRunStore({ plugin: sqlitePlugin, type: 'sqlite', options: () => ({ path: 'store/driftwatch.db' }), durable: true });

describeServerStores({
  name: 'sqlite',
  make: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-sqlite-'));
    const store = new SqliteRunStore(join(dir, 'driftwatch.db'));
    return {
      store,
      close: async () => {
        store.shutdown();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
});
