import type { DriftwatchPlugin } from '@driftwatch/core';
import type { LoadedConfig } from '../config/loadConfig.js';
import type { LlmEvaluationEngineLoader } from '../llm/LlmEvaluationEngine.js';
import type { LlmPromotionOptions } from '../llm/LlmPromotionService.js';
import type { MonitorRunnerOptions } from '../monitor/MonitorRunnerOptions.js';
import type { ProviderContextInit } from '../plugins/baseProviderContext.js';
import type { RetrainingServiceOptions } from '../retraining/RetrainingServiceOptions.js';

/** A provider picked by `type`, with its options, and where it was configured (for messages). */
export interface ProviderSpec {
  readonly type: string;
  readonly options?: unknown;
  /** Config path or flag that named it, e.g. `sinks[0]` or `--metrics-out`. */
  readonly configPath: string;
}

/** What the process is composed of. */
export interface ContainerSpec {
  /** Built-in plugins first, then the user's. */
  readonly plugins: readonly DriftwatchPlugin[];
  readonly sinks?: readonly ProviderSpec[];
  /** Paths and environment of the providers (a config's folder and environment win), and optionally their logger and clock. */
  readonly context: ProviderContextInit;
  /** Deadline of each provider lifecycle call (start, flush, shutdown) in ms; default `DRIFTWATCH_LIFECYCLE_DEADLINE_MS`, else 5 000. */
  readonly lifecycleDeadlineMs?: number;
  /**
   * A loaded config (`loadConfig`): its plugins replace `plugins`, relative
   * paths resolve against its folder, and the run store, every sink, channel
   * and alarm manager it names are created and bound with the monitor runner.
   * `sinks` are then ignored (sinks come from the config).
   */
  readonly config?: LoadedConfig;
  /** Options of the monitor runner (extensions that add performance or windows, retries, clock). */
  readonly runner?: MonitorRunnerOptions;
  /** Options of the retraining service (clock, sleep, progress lines, the attempts' folder). */
  readonly retraining?: RetrainingServiceOptions;
  /**
   * The LLM evaluation engine of `evaluations:` suites (the apps bind the Bedrock plugin's, loaded
   * on first use) and the promotion loop's options (progress lines, clock, spec folder).
   */
  readonly llm?: { readonly engine?: LlmEvaluationEngineLoader } & LlmPromotionOptions;
}
