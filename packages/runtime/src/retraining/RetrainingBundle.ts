import type { Deployer, Evaluator, ModelRegistry, TrainingProvider } from '@driftwatch/core';
import type { RetrainingConfig } from '@driftwatch/retraining';
import type { MonitorConfig } from '../config/driftwatchConfigSchema.js';

/** A monitor's retraining block with the providers it names, created once per process. */
export interface RetrainingBundle {
  readonly monitor: MonitorConfig;
  /** Position in `monitors:`, for messages. */
  readonly index: number;
  readonly config: RetrainingConfig;
  readonly trainer: TrainingProvider;
  readonly evaluator: Evaluator;
  readonly registry: ModelRegistry;
  readonly deployer: Deployer;
}
