export { InMemoryMetricsSink } from './InMemoryMetricsSink.js';
