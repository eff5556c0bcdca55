import type { ServiceIdentifier } from 'inversify';
import type { DriftEngine } from './DriftEngine.js';
import type { JobQueue } from './JobQueue.js';
import type { MetricsSink } from './MetricsSink.js';
import type { RunStore } from './RunStore.js';

// The ports a service injects by token. Tokens import only types, so no import cycle can form
// through them. Providers a config names per role (channels, alarm managers, a monitor's
// retraining parts) are bound by the runtime with their config paths, under its own tokens.
export const metricsSinkToken = Symbol.for('driftwatch.MetricsSink') as ServiceIdentifier<MetricsSink>;
export const runStoreToken = Symbol.for('driftwatch.RunStore') as ServiceIdentifier<RunStore>;
export const driftEngineToken = Symbol.for('driftwatch.DriftEngine') as ServiceIdentifier<DriftEngine>;
export const jobQueueToken = Symbol.for('driftwatch.JobQueue') as ServiceIdentifier<JobQueue>;
