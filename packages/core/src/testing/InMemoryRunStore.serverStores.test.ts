import { describeServerStores } from './contract/describeServerStores.js';
import { InMemoryRunStore } from './InMemoryRunStore.js';

describeServerStores({ name: 'in-memory', make: async () => ({ store: new InMemoryRunStore() }) });
