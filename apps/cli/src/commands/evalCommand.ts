import { exitStatus, UsageError } from '@driftwatch/core';
import type { EvaluationResult } from '@driftwatch/plugin-aws-bedrock';
import { type LlmRunResult, llmEvaluationServiceToken } from '@driftwatch/runtime';
import { Command, Option } from 'commander';
import { textTable } from '../output/textTable.js';
import { toJson } from '../output/toJson.js';
import { openConfig } from './openConfig.js';

const fixed = (v: number | null, digits = 2) => (v === null ? '-' : v.toFixed(digits));
const percent = (v: number | null) => (v === null ? '-' : `${(100 * v).toFixed(1)}%`);

/** The table output of one run. */
export function formatEvaluation(
  result: EvaluationResult,
  formatChange: (change: NonNullable<EvaluationResult['comparison']>['changes'][number]) => string,
): string {
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
        "config's sinks, fires the suite's alert rules and records the run (history lists it); when promotion: watches a fired " +
        'alert, the challengers are then evaluated and the winner deployed (see retrain --help). --format json prints the run ' +
        'result (several suites: an array) with runId, alerts, failedSinks, sinks, publishedPoints and promotion?.\n\n' +
        'Exit status: 0 done, 2 bad config or golden set, 3 the token budget ran out (or another failure), 4 Bedrock or a sink failed.',
    )
    .option('--config <file>', 'config file', 'driftwatch.yaml')
    .option('--suite <name>', 'only this suite')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (flags: { config: string; suite?: string; format: 'table' | 'json' }) => {
      const { loaded, container } = await openConfig(flags.config, { progress: true });
      const configured = loaded.config.evaluations;
      if (configured.length === 0) throw new UsageError(`${flags.config}: no evaluations: suites to run`);
      const chosen = flags.suite === undefined ? configured : configured.filter((c) => c.name === flags.suite);
      if (chosen.length === 0) {
        throw new UsageError(`--suite "${flags.suite}": no such evaluation (known: ${configured.map((c) => c.name).join(', ')})`);
      }
      const service = container.get(llmEvaluationServiceToken);
      const engine = await service.engine();
      const results: LlmRunResult[] = [];
      for (const c of chosen) {
        const result = await service.run(c.name);
        for (const failed of result.failedSinks) process.stderr.write(`driftwatch: warning: sink ${failed.type}: ${failed.reason}\n`);
        reportDeliveries(result);
        if (result.failedSinks.length > 0 || alertFailed(result)) setExitCode(exitStatus.provider);
        results.push(result);
        if (flags.format === 'table')
          process.stdout.write(
            `${results.length > 1 ? '\n' : ''}${formatEvaluation(result as unknown as EvaluationResult, (change) => engine.formatChange(change))}${formatRunExtras(result)}`,
          );
      }
      if (flags.format === 'json') process.stdout.write(toJson(results.length === 1 ? results[0] : results));
    });
}

/** Whether an alert of the run could not be delivered to a channel. */
export function alertFailed(result: LlmRunResult): boolean {
  return result.alerts.some((a) => a.deliveries.some((d) => d.status !== 'ok'));
}

/** Alerts that did not reach a channel, on stderr. */
export function reportDeliveries(result: LlmRunResult): void {
  for (const a of result.alerts)
    for (const d of a.deliveries)
      if (d.status !== 'ok')
        process.stderr.write(
          `driftwatch: evaluation ${result.suite}: alert "${a.alert.rule}" to ${d.channel} ${d.status} after ${d.attempts} attempt(s): ${d.reason ?? ''}\n`,
        );
}

/** The fired alerts and the promotion attempt of a run, after its table. */
export function formatRunExtras(result: LlmRunResult): string {
  const lines: string[] = [];
  for (const a of result.alerts) {
    const to = a.deliveries.map((d) => `${d.channel}: ${d.status}`).join(', ') || 'no channel';
    lines.push(`alert [${a.alert.severity}] ${a.alert.message} → ${to}`);
  }
  const p = result.promotion;
  if (p?.attempt) {
    lines.push(`promotion attempt ${p.attempt.id}: ${p.attempt.state}`);
    for (const t of p.attempt.transitions) lines.push(`  ${t.from ?? '-'} → ${t.to}: ${t.reason}`);
  } else if (p?.error) lines.push(`promotion: ${p.error.message}`);
  else if (p && !p.decision.retrain && p.decision.blockedBy.length > 0)
    lines.push(`promotion not started: ${p.decision.blockedBy.join('; ')}`);
  return lines.length > 0 ? `\n${lines.join('\n')}\n` : '';
}
