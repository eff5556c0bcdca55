import type { ModelVersion } from './ModelRegistry.js';

/** Scores of one model version on one labelled set. */
export interface EvaluationResult {
  readonly version: string;
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly rows: number;
}

/** Scores a model version on a labelled set (local command, SageMaker endpoint, Bedrock). */
export interface Evaluator {
  readonly type: string;
  evaluate(version: ModelVersion, datasetUri: string): Promise<EvaluationResult>;
}
