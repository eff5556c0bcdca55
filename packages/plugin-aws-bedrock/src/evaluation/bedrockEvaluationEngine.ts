import { awsConnectionOptions } from '@driftwatch/aws-common';
import { ConfigError, type MetricPoint } from '@driftwatch/core';
import { compareEvaluations } from './compareEvaluations.js';
import type { EvaluationResult, ScorerChange } from './EvaluationResult.js';
import type { EvaluationSuite } from './EvaluationSuite.js';
import { evaluationDependencies } from './evaluationDependencies.js';
import { evaluationPoints } from './evaluationPoints.js';
import { formatChange } from './formatChange.js';
import { runEvaluation } from './runEvaluation.js';
import type { TokenBucketClock } from './TokenBucket.js';

/**
 * The runtime's LLM evaluation engine (`LlmEvaluationEngine` of `@driftwatch/runtime`) on Amazon
 * Bedrock: `evaluate` parses the suite's connection options (region, endpoint, profile, retries;
 * a bad one is a ConfigError naming `<configPath>.<option>`), makes a Bedrock Runtime client, runs
 * the suite ({@link runEvaluation}) and releases the client; `compare`, `points` and
 * `formatChange` are {@link compareEvaluations}, {@link evaluationPoints} and {@link formatChange}.
 * The runtime depends only on the interface; the CLI binds this object, loaded on first use.
 */
export const bedrockEvaluationEngine = {
  async evaluate(
    suite: EvaluationSuite,
    connection: Readonly<Record<string, unknown>>,
    env: Readonly<Record<string, string | undefined>>,
    options: { readonly configPath: string; readonly signal?: AbortSignal; readonly bucketClock?: TokenBucketClock },
  ): Promise<EvaluationResult> {
    const parsed = awsConnectionOptions.safeParse(Object.fromEntries(Object.entries(connection).filter(([, v]) => v !== undefined)));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        path: `${options.configPath}.${issue.path.join('.')}`,
        message: issue.message,
      }));
      throw new ConfigError(issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n'), { issues });
    }
    const deps = evaluationDependencies(parsed.data, env);
    try {
      return await runEvaluation(suite, {
        ...deps,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.bucketClock ? { bucketClock: options.bucketClock } : {}),
      });
    } finally {
      deps.client.destroy();
    }
  },
  compare(previous: EvaluationResult, current: EvaluationResult, options?: { readonly resamples?: number; readonly seed?: number }) {
    return compareEvaluations(previous, current, options);
  },
  points(result: EvaluationResult): MetricPoint[] {
    return evaluationPoints(result);
  },
  formatChange(change: ScorerChange): string {
    return formatChange(change);
  },
};
