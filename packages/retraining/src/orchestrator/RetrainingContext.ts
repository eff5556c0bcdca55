import type { RetrainingConfig } from '../config/retrainingConfigSchema.js';
import type { OutputColumns } from '../data/collectTrainingData.js';

/** What one model's retraining is about: the monitor, the model and its task, and the `retraining:` config. */
export interface RetrainingContext {
  /** The monitor whose runs trigger the retraining. */
  readonly monitor: string;
  /** The model retrained (the registry's model name). */
  readonly model: string;
  readonly task: 'classification' | 'regression';
  /** The label column. */
  readonly target: string;
  /** Binary classification: the positive class name (default: the larger of the two sorted class names). */
  readonly positive?: string;
  readonly config: RetrainingConfig;
  /** Where attempts keep their files: `${workDir}/${attempt.id}/train.csv` … */
  readonly workDir: string;
  /**
   * The monitor's model-output columns: the challenger's holdout predictions are written into them in
   * the attempt's `reference.csv` (the reference a monitor following the champion uses). Optional.
   */
  readonly outputs?: OutputColumns;
  /** Extra training parameters given to every job, besides `target` (which always wins). */
  readonly parameters?: Readonly<Record<string, string>>;
}
