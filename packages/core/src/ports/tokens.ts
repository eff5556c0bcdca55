import type { ServiceIdentifier } from 'inversify';
import type { AlarmManager } from './AlarmManager.js';
import type { AlertChannel } from './AlertChannel.js';
import type { DataSource } from './DataSource.js';
import type { Deployer } from './Deployer.js';
import type { DriftEngine } from './DriftEngine.js';
import type { Evaluator } from './Evaluator.js';
import type { MetricsSink } from './MetricsSink.js';
import type { ModelRegistry } from './ModelRegistry.js';
import type { RunStore } from './RunStore.js';
import type { TrainingProvider } from './TrainingProvider.js';

// Tokens import only types, so no import cycle can form through them.
export const dataSourceToken = Symbol.for('driftwatch.DataSource') as ServiceIdentifier<DataSource>;
export const metricsSinkToken = Symbol.for('driftwatch.MetricsSink') as ServiceIdentifier<MetricsSink>;
export const alarmManagerToken = Symbol.for('driftwatch.AlarmManager') as ServiceIdentifier<AlarmManager>;
export const alertChannelToken = Symbol.for('driftwatch.AlertChannel') as ServiceIdentifier<AlertChannel>;
export const runStoreToken = Symbol.for('driftwatch.RunStore') as ServiceIdentifier<RunStore>;
export const trainingProviderToken = Symbol.for('driftwatch.TrainingProvider') as ServiceIdentifier<TrainingProvider>;
export const modelRegistryToken = Symbol.for('driftwatch.ModelRegistry') as ServiceIdentifier<ModelRegistry>;
export const evaluatorToken = Symbol.for('driftwatch.Evaluator') as ServiceIdentifier<Evaluator>;
export const deployerToken = Symbol.for('driftwatch.Deployer') as ServiceIdentifier<Deployer>;
export const driftEngineToken = Symbol.for('driftwatch.DriftEngine') as ServiceIdentifier<DriftEngine>;
