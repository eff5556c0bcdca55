import type { Deployer, ModelRegistry } from '@driftwatch/core';
import type { EvaluationConfig } from '../config/evaluationConfigSchema.js';

/** A suite with a `promotion:` block and the registry and deployer it names, created once per process. */
export interface LlmBundle {
  readonly suite: EvaluationConfig;
  /** Position in `evaluations:`, for messages. */
  readonly index: number;
  readonly promotion: NonNullable<EvaluationConfig['promotion']>;
  readonly registry: ModelRegistry;
  readonly deployer: Deployer;
}
