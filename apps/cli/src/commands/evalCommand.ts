import { randomBytes, randomUUID } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { ConfigError, exitStatus, runStoreToken, UsageError } from '@driftwatch/core';
import type { EvaluationResult, EvaluationSuite } from '@driftwatch/plugin-aws-bedrock';
import {
  configuredSinksToken,
  defaultSinkDeliveryOptions,
  deliverToSink,
  type EvaluationConfig,
  monitorRunnerOptionsToken,
} from '@driftwatch/runtime';
import { Command, Option } from 'commander';
import { textTable } from '../output/textTable.js';
import { toJson } from '../output/toJson.js';
import { openConfig } from './openConfig.js';

type BedrockModule = typeof import('@driftwatch/plugin-aws-bedrock');

/** The plugin's suite from a configured one: paths resolved against the config's folder. */
function suiteOf(config: EvaluationConfig, dir: string): EvaluationSuite {
  const at = (p: string) => (isAbsolute(p) ? p : resolve(dir, p));
  return {
    name: config.name,
    dataset: at(config.dataset),
    target: config.target,
    scorers: config.scorers,
    ...(config.judge !== undefined ? { judge: config.judge } : {}),
    ...(config.embedding !== undefined ? { embedding: config.embedding } : {}),
    concurrency: config.concurrency,
    ...(config.tokenBudget !== undefined ? { tokenBudget: config.tokenBudget } : {}),
    ...(config.cache !== undefined ? { cacheDir: at(config.cache) } : {}),
    prices: config.prices,
    bootstrap: config.bootstrap,
  };
}

const fixed = (v: number | null, digits = 2) => (v === null ? '-' : v.toFixed(digits));
const percent = (v: number | null) => (v === null ? '-' : `${(100 * v).toFixed(1)}%`);

/** The table output of one run. */
export function formatEvaluation(result: EvaluationResult, formatChange: BedrockModule['formatChange']): string {
  const lines = [
    `suite ${result.suite}  model ${result.model}  ${result.items.length} items, ${result.errors} errors (${percent(result.errorRate)}), ` +
      `throttled ${percent(result.throttleRate)} of ${result.attempts} attempts, ${result.cacheHits} cache hits`,
    `latency p50 ${fixed(result.latency.p50, 0)} ms, p95 ${fixed(result.latency.p95, 0)} ms; tokens in ${result.tokens.input}, out ${result.tokens.output}` +
      ` (judge ${result.tokens.judgeInput}/${result.tokens.judgeOutput}, embeddings ${result.tokens.embedding}); cost ${result.cost === null ? 'n/a (no price)' : result.cost.toFixed(4)}`,
    '',
    textTable(
      ['scorer', 'mean', '95% CI', 'pass rate', 'items', 'unparseable'],
      result.scorers.map((s) => [
        s.scorer,
        fixed(s.mean),
        s.ciLow === null ? '-' : `[${fixed(s.ciLow)}, ${fixed(s.ciHigh)}]`,
        percent(s.passRate),
        String(s.n),
        String(s.unparseable),
      ]),
    ),
  ];
  const tags = [...new Set(result.scorers.flatMap((s) => Object.keys(s.byTag)))].sort();
  if (tags.length > 0) {
    lines.push('', `by tag (mean / pass rate)`);
    lines.push(
      textTable(
        ['tag', ...result.scorers.map((s) => s.scorer)],
        tags.map((tag) => [
          tag,
          ...result.scorers.map((s) => {
            const t = s.byTag[tag];
            return t === undefined ? '-' : `${fixed(t.mean)} / ${percent(t.passRate)}`;
          }),
        ]),
      ),
    );
  }
  if (result.comparison) {
    lines.push('', `against the previous run (${result.comparison.previousStartedAt}, ${result.comparison.previousModel}), item by item:`);
    for (const change of result.comparison.changes) lines.push(`  ${formatChange(change)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `driftwatch eval`: runs the config's golden-set suites once. */
export function evalCommand(setExitCode: (code: number) => void): Command {
  return new Command('eval')
    .summary('run the golden-set evaluations of an LLM application on Amazon Bedrock')
    .description(
      "Runs each suite of the config's evaluations: section once (or only --suite): asks the target model every item of the JSONL " +
        'golden set through Converse, scores the answers (deterministic scorers, Titan-embedding similarity, LLM judges), prints ' +
        'mean, bootstrap 95% CI and pass rate per scorer and tag, latency, tokens, cost, error and throttle rates, and the paired ' +
        "change against the suite's previous run (Wilcoxon signed-rank p, items got worse). Publishes llm.<scorer> points to the " +
        "config's sinks and records the run (history lists it). --format json prints the run result (several suites: an array).\n\n" +
        'Exit status: 0 done, 2 bad config or golden set, 3 the token budget ran out (or another failure), 4 Bedrock or a sink failed.',
    )
    .option('--config <file>', 'config file', 'driftwatch.yaml')
    .option('--suite <name>', 'only this suite')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (flags: { config: string; suite?: string; format: 'table' | 'json' }) => {
      const { loaded, container } = await openConfig(flags.config);
      const configured = loaded.config.evaluations;
      if (configured.length === 0) throw new UsageError(`${flags.config}: no evaluations: suites to run`);
      const chosen =
        flags.suite === undefined
          ? configured.map((c, i) => ({ c, i }))
          : configured.flatMap((c, i) => (c.name === flags.suite ? [{ c, i }] : []));
      if (chosen.length === 0) {
        throw new UsageError(`--suite "${flags.suite}": no such evaluation (known: ${configured.map((c) => c.name).join(', ')})`);
      }
      // The Bedrock SDK loads only for this command (the plugin is external to the bundle).
      const bedrock: BedrockModule = await import('@driftwatch/plugin-aws-bedrock');
      const store = container.get(runStoreToken);
      const runnerOptions = container.get(monitorRunnerOptionsToken);
      const deliveryOptions = {
        ...defaultSinkDeliveryOptions,
        ...(runnerOptions.redact ? { redact: runnerOptions.redact } : {}),
        ...runnerOptions.sinks,
      };
      const sinks = container.get(configuredSinksToken).filter((s) => s.path.startsWith('sinks['));
      const results: EvaluationResult[] = [];
      for (const { c, i } of chosen) {
        const connection = bedrock.bedrockConnectionOptions.safeParse({
          region: c.region,
          endpoint: c.endpoint,
          profile: c.profile,
          maxAttempts: c.maxAttempts,
          retryBaseDelayMs: c.retryBaseDelayMs,
          retryMaxDelayMs: c.retryMaxDelayMs,
        });
        if (!connection.success) {
          const issues = connection.error.issues.map((issue) => ({
            path: `evaluations[${i}].${issue.path.join('.')}`,
            message: issue.message,
          }));
          throw new ConfigError(issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n'), { issues });
        }
        const suite = suiteOf(c, loaded.dir);
        const previous = (await store.listRuns({ monitor: suite.name, limit: 20 })).find(
          (r) => r.status === 'ok' && (r.result as Partial<EvaluationResult> | undefined)?.kind === 'llm',
        );
        const deps = bedrock.evaluationDependencies(connection.data, loaded.env);
        const id = randomUUID();
        const startedAt = new Date().toISOString();
        let result: EvaluationResult;
        try {
          result = await bedrock.runEvaluation(suite, deps);
        } catch (error) {
          await store.saveRun({
            id,
            monitor: suite.name,
            startedAt,
            finishedAt: new Date().toISOString(),
            status: 'failed',
            result: { schemaVersion: 1, kind: 'llm', suite: suite.name, model: suite.target.modelId, error: (error as Error).message },
          });
          throw error;
        } finally {
          deps.client.destroy();
        }
        if (previous !== undefined) result = bedrock.compareEvaluations(previous.result as EvaluationResult, result, suite.bootstrap);
        const points = bedrock.evaluationPoints(result);
        const owner = `eval-${process.pid}-${randomBytes(3).toString('hex')}`;
        const outcomes = await Promise.all(sinks.map((sink) => deliverToSink(sink, points, store, owner, deliveryOptions)));
        const failedSinks = outcomes.flatMap((o) => (o.failure === undefined ? [] : [{ type: o.delivery.type, reason: o.failure }]));
        await store.saveRun({
          id,
          monitor: suite.name,
          startedAt: result.startedAt,
          finishedAt: result.finishedAt,
          status: 'ok',
          result,
          ...(failedSinks.length > 0 ? { failedSinks } : {}),
        });
        for (const failed of failedSinks) process.stderr.write(`driftwatch: warning: sink ${failed.type}: ${failed.reason}\n`);
        if (failedSinks.length > 0) setExitCode(exitStatus.provider);
        results.push(result);
        if (flags.format === 'table')
          process.stdout.write(`${results.length > 1 ? '\n' : ''}${formatEvaluation(result, bedrock.formatChange)}`);
      }
      if (flags.format === 'json') process.stdout.write(toJson(results.length === 1 ? results[0] : results));
    });
}
