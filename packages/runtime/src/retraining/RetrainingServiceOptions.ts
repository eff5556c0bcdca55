/** Settings of the `RetrainingService`; every field has a default. */
export interface RetrainingServiceOptions {
  /** Folder of the attempts' files (training and holdout sets). Default `.driftwatch/retraining`. */
  readonly workDir?: string;
  readonly now?: () => Date;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly redact?: (text: string) => string;
  /** Progress lines (stderr in the CLI). */
  readonly progress?: (line: string) => void;
}
