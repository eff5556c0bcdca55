export { InMemoryMetricsSink } from './InMemoryMetricsSink.js';
export { InMemoryRunStore } from './InMemoryRunStore.js';
