import {
  exitStatus,
  exitStatusFor,
  isDriftwatchError,
  type MonitorRunResult,
  type RetrainingOutcome,
  type SinkDelivery,
  UsageError,
} from '@driftwatch/core';
import type { EvaluationResult } from '@driftwatch/plugin-aws-bedrock';
import { type LlmRunResult, llmEvaluationServiceToken, monitorRunnerToken } from '@driftwatch/runtime';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import { formatDriftTable } from '../output/formatDriftTable.js';
import { describeOutcomeError, formatOutcome } from '../output/formatRetraining.js';
import { toJson } from '../output/toJson.js';
import { alertFailed, formatEvaluation, formatRunExtras, reportDeliveries } from './evalCommand.js';
import { openConfig } from './openConfig.js';
import { parseMemory } from './parseMemory.js';

const collect = (value: string, previous: string[]) => [...previous, value];

interface RunFlags {
  monitor: string[];
  suite: string[];
  config?: string;
  format: 'table' | 'json';
  failOnDrift?: boolean;
  maxMemory?: string;
  color?: boolean;
}

/** `driftwatch run`: runs the config's monitors once. */
export function runCommand(setExitCode: (code: number) => void): Command {
  return new Command('run')
    .summary("run the config's monitors once: drift, sinks, alerts, history")
    .description(
      'Runs each monitor of the config once (or those named with --monitor): tests drift, publishes ' +
        'the figures to every sink, sends the alerts its rules fire and records the run (see history). ' +
        'Monitors with a retraining: block then apply their policy: an attempt left unfinished by a ' +
        'crash is resumed (and answers this run: no other is started after it); otherwise, when a ' +
        'trigger fires and the guards allow it, the model is retrained, gated against the champion ' +
        'and deployed (see driftwatch retrain --help). The golden-set suites of evaluations: run too, ' +
        'as "driftwatch eval" runs them (recorded, llm.* points to the sinks, their alert rules fired); a suite ' +
        'whose promotion: watches a fired alert then evaluates its challengers and deploys the winner.',
    )
    .option('--config <file>', 'config file', 'driftwatch.yaml')
    .option('--monitor <name>', 'run only this monitor or evaluation suite (repeatable)', collect, [])
    .option('--suite <name>', 'run only this evaluation suite (repeatable; with --monitor: both)', collect, [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--fail-on-drift', 'exit with status 1 when a monitored dataset drifts')
    .option(
      '--max-memory <size>',
      "memory for each monitor's data (400MB, 2GB, 25% of RAM), over drift.maxMemory and maxMemory in the config (default 25% of RAM)",
    )
    .option('--no-color', 'never colour the table')
    .addHelpText(
      'after',
      `
Examples:
  driftwatch run
  driftwatch run --config prod.yaml --monitor credit-risk --format json
  driftwatch run --max-memory 400MB

Memory: each monitor's budget is --max-memory, else its drift.maxMemory, else the config's
maxMemory, else 25% of RAM. When its drift-tested columns would need more (8 bytes a number,
both sides) and both sides are local CSV, TSV or JSON Lines files, numeric columns are
summarised while reading, as check --max-memory does: psi, kl_div, jensenshannon and hellinger
give identical results (path "histogram"), ks and wasserstein state a bound (path "sketch"),
categorical columns stay exact; the table and the JSON name each column's path. A monitor with
performance:, windows: or retraining: needs whole rows: over its budget its run stops with
status 2 naming monitors[i].drift.maxMemory (raise it, or test drift in a monitor without them).

JSON output: the run result { schemaVersion, runId, monitor, startedAt, finishedAt, status,
drift (as check --format json prints it), performance?, estimation?, windows?, retraining?
(as retrain --format json prints it), alerts, failedSinks, publishedPoints, sinks: [{ sink,
type, sent, fromOutbox, pending, dropped, lost }] }; an evaluation suite's run prints eval's
result (kind "llm") with runId, alerts, failedSinks, sinks, publishedPoints and promotion?; an
array of them when several monitors or suites ran.

Delivery: the run is recorded as started before it publishes, and every point carries its run
id. A sink that fails (after its retries) or outlives providers.timeout (default 60s, or the
sink's own timeout:) keeps the points it did not take in its outbox under the store; the next
run, or "driftwatch sinks flush", sends them first. Delivery is at least once: readers deduplicate by run id, name, timestamp and
dimensions. The last line says what reached each sink and what is pending.

Exit status: 0 done, 1 drift found with --fail-on-drift, 2 bad input or config, 3 a retraining
attempt failed (its reason is recorded; the champion keeps serving) or another failure,
4 a provider failed (a sink or alert channel; the others still ran), 5 a monitor is locked by another run.`,
    )
    .action(async (flags: RunFlags) => {
      const maxMemoryBytes = flags.maxMemory === undefined ? undefined : parseMemory(flags.maxMemory);
      const { loaded, container } = await openConfig(flags.config, {
        progress: true,
        ...(maxMemoryBytes !== undefined ? { maxMemoryBytes } : {}),
      });
      const monitors = loaded.config.monitors.map((m, i) => ({ monitor: m, index: i }));
      const suites = loaded.config.evaluations.map((e) => e.name);
      const unknown = flags.monitor.filter((n) => !monitors.some((m) => m.monitor.name === n) && !suites.includes(n));
      if (unknown.length > 0) {
        throw new UsageError(
          `--monitor names unknown monitor "${unknown[0]}" (monitors: ${monitors.map((m) => m.monitor.name).join(', ') || 'none'}${suites.length > 0 ? `; evaluation suites: ${suites.join(', ')}` : ''})`,
        );
      }
      const unknownSuite = flags.suite.find((n) => !suites.includes(n));
      if (unknownSuite !== undefined)
        throw new UsageError(`--suite names unknown evaluation suite "${unknownSuite}" (suites: ${suites.join(', ') || 'none'})`);
      const named = [...flags.monitor, ...flags.suite];
      const selected = named.length > 0 ? monitors.filter((m) => named.includes(m.monitor.name)) : monitors;
      const selectedSuites = named.length > 0 ? suites.filter((n) => named.includes(n)) : suites;
      const runner = container.get(monitorRunnerToken);
      const results: MonitorRunResult[] = [];
      const llmResults: LlmRunResult[] = [];
      const errors: unknown[] = [];
      const total = selected.length + selectedSuites.length;
      for (const { monitor, index } of selected) {
        try {
          results.push(await runner.run(monitor, index));
        } catch (error) {
          if (total === 1) throw error;
          errors.push(error);
          const message = isDriftwatchError(error) ? error.message : `unexpected error: ${(error as Error).message}`;
          process.stderr.write(`driftwatch: monitor ${monitor.name}: ${loaded.redactor.text(message)}\n`);
        }
      }
      const llm = selectedSuites.length > 0 ? container.get(llmEvaluationServiceToken) : undefined;
      for (const name of selectedSuites) {
        try {
          llmResults.push(await llm!.run(name));
        } catch (error) {
          if (total === 1) throw error;
          errors.push(error);
          const message = isDriftwatchError(error) ? error.message : `unexpected error: ${(error as Error).message}`;
          process.stderr.write(`driftwatch: evaluation ${name}: ${loaded.redactor.text(message)}\n`);
        }
      }
      const engine = llmResults.length > 0 ? await llm!.engine() : undefined;
      const colors = pc.createColors(flags.color !== false && Boolean(process.stdout.isTTY));
      const all: unknown[] = [...results, ...llmResults];
      if (flags.format === 'json') process.stdout.write(toJson(all.length === 1 && total === 1 ? all[0] : all));
      else
        process.stdout.write(
          [
            ...results.map((r) => formatRun(r, colors)),
            ...llmResults.map(
              (r) =>
                `${colors.bold(`Evaluation ${r.suite} — run ${r.runId}`)}\n${formatEvaluation(r as unknown as EvaluationResult, (c) => engine!.formatChange(c))}${formatRunExtras(r)}`,
            ),
          ].join('\n'),
        );
      for (const r of llmResults) {
        for (const f of r.failedSinks)
          process.stderr.write(`driftwatch: evaluation ${r.suite}: sink ${f.sink} (${f.type}) failed: ${f.reason}\n`);
        reportDeliveries(r);
        if (r.promotion?.error) process.stderr.write(`driftwatch: evaluation ${r.suite}: promotion: ${r.promotion.error.message}\n`);
      }
      for (const r of results) {
        const retraining = r.retraining as RetrainingOutcome | undefined;
        if (retraining?.error) process.stderr.write(`driftwatch: monitor ${r.monitor}: ${describeOutcomeError(retraining)}\n`);
        for (const f of r.failedSinks)
          process.stderr.write(`driftwatch: monitor ${r.monitor}: sink ${f.sink} (${f.type}) failed: ${f.reason}\n`);
        for (const a of r.alerts)
          for (const d of a.deliveries)
            if (d.status !== 'ok')
              process.stderr.write(
                `driftwatch: monitor ${r.monitor}: alert "${a.alert.rule}" to ${d.channel} ${d.status} after ${d.attempts} attempt(s): ${d.reason ?? ''}\n`,
              );
      }
      const providerFailed =
        results.some((r) => r.failedSinks.length > 0 || r.alerts.some((a) => a.deliveries.some((d) => d.status !== 'ok'))) ||
        llmResults.some((r) => r.failedSinks.length > 0 || alertFailed(r) || r.promotion?.attempt?.state === 'deploy-failed');
      const promotionFailed = llmResults.some((r) => r.promotion?.attempt?.state === 'failed' || r.promotion?.error !== undefined);
      const retrainingFailed = results.some((r) => {
        const o = r.retraining as RetrainingOutcome | undefined;
        return o?.attempt?.state === 'failed' || o?.resumed.some((a) => a.state === 'failed') === true;
      });
      const deployFailed = results.some((r) => {
        const o = r.retraining as RetrainingOutcome | undefined;
        return o?.attempt?.state === 'deploy-failed' || o?.resumed.some((a) => a.state === 'deploy-failed') === true;
      });
      if (errors.length > 0) setExitCode(Math.max(...errors.map(exitStatusFor)));
      else if (retrainingFailed || promotionFailed) setExitCode(exitStatus.failure);
      else if (providerFailed || deployFailed) setExitCode(exitStatus.provider);
      else if (flags.failOnDrift && results.some((r) => r.status === 'drift')) setExitCode(exitStatus.drift);
    });
}

function formatRun(r: MonitorRunResult, colors: ReturnType<typeof pc.createColors>): string {
  const lines = [colors.bold(`Monitor ${r.monitor} — run ${r.runId}`)];
  let text = `${lines.join('\n')}\n`;
  if (r.drift) text += formatDriftTable(r.drift, colors);
  const extra: string[] = [];
  for (const a of r.alerts) {
    const to = a.deliveries.map((d) => `${d.channel}: ${d.status}`).join(', ') || 'no channel';
    extra.push(`alert [${a.alert.severity}] ${a.alert.message} → ${to}`);
  }
  for (const f of r.failedSinks) extra.push(colors.red(`sink ${f.sink} (${f.type}) FAILED: ${f.reason}`));
  const sinks = (r.sinks ?? []).map(formatSinkDelivery).join('; ');
  extra.push(`${r.publishedPoints} points${sinks ? `: ${sinks}` : ', no sink'}; recorded as ${r.status}`);
  const retraining = r.retraining as RetrainingOutcome | undefined;
  const retrainingText = retraining ? formatOutcome(retraining, colors) : '';
  if (retrainingText !== '') extra.push(retrainingText);
  return `${text}\n${extra.join('\n')}\n`;
}

/** What reached one sink, e.g. `sinks[1] (cloudwatch) 48 sent (24 from the outbox), 0 pending`. */
export function formatSinkDelivery(d: SinkDelivery): string {
  let text = `${d.sink} (${d.type}) ${d.sent} sent`;
  if (d.fromOutbox > 0) text += ` (${d.fromOutbox} from the outbox)`;
  if (d.pending > 0) text += `, ${d.pending} pending in the outbox`;
  if (d.dropped > 0) text += `, ${d.dropped} dropped from the outbox`;
  if (d.lost > 0) text += `, ${d.lost} lost (the store keeps no outbox)`;
  return text;
}
