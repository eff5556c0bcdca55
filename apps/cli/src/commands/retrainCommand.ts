import { exitStatus, type RetrainingOutcome, UsageError } from '@driftwatch/core';
import { llmPromotionServiceToken, retrainingServiceToken } from '@driftwatch/runtime';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import { describeOutcomeError, formatOutcome } from '../output/formatRetraining.js';
import { toJson } from '../output/toJson.js';
import { openConfig } from './openConfig.js';

interface RetrainFlags {
  config: string;
  dryRun?: boolean;
  reason?: string;
  new?: boolean;
  format: 'table' | 'json';
  color?: boolean;
}

/**
 * The exit status of a retraining outcome: 0 deployed (or a plan), 1 the
 * champion kept serving (rejected, rolled back, held back by a guard), 3 the
 * attempt failed, 4 the deployment failed (`deploy-failed`: the challenger
 * passed the gate and can be promoted again), 5 another process holds the model.
 * Without a new attempt, the attempt it resumed (the newest) answers for it.
 */
export function retrainExitStatus(o: RetrainingOutcome): number {
  if (o.error) return o.error.code === 'STATE_CONFLICT' ? exitStatus.state : exitStatus.failure;
  if (o.plan) return exitStatus.ok;
  const state = (o.attempt ?? o.resumed.at(-1))?.state;
  if (state === 'deployed') return exitStatus.ok;
  if (state === 'failed') return exitStatus.failure;
  if (state === 'deploy-failed') return exitStatus.provider;
  return exitStatus.drift;
}

/** `driftwatch retrain MONITOR`: one retraining attempt by hand. */
export function retrainCommand(setExitCode: (code: number) => void): Command {
  return new Command('retrain')
    .summary("retrain a monitor's model now: collect, train, gate, deploy")
    .description(
      "Starts a retraining attempt of the monitor's model by hand, whatever its triggers say: collects " +
        'the labelled reference and current rows (the latest as holdout), trains with the configured ' +
        'trainer, registers the challenger, scores it and the champion on the holdout, applies the gate ' +
        'and, when it passes, deploys it (rolling back if the post-deploy check fails). Every state is ' +
        'recorded. An attempt left unfinished by a crash (or a kill) is resumed instead of starting ' +
        'another: its training job is adopted (a job that finished meanwhile is not run again) and ' +
        'it answers this request; --new starts a new attempt after it.\n\n' +
        'For an evaluation suite with a promotion: block (an LLM application), the attempt evaluates ' +
        'the champion and every challenger (other models and/or prompt versions) on the golden set, ' +
        'compares them item by item (paired mean gain, Wilcoxon signed-rank p, per-scorer regressions, ' +
        'floors), deploys the best challenger that passes (the champion in an SSM parameter or a file) ' +
        'and rolls back when its post-deploy evaluation fails.',
    )
    .argument('<monitor>', 'monitor whose retraining: block to use, or evaluation suite whose promotion: block to use')
    .option('--config <file>', 'config file', 'driftwatch.yaml')
    .option('--dry-run', 'show what would happen (trigger, guards, data split, champion, providers) and change nothing')
    .option('--reason <text>', 'why, recorded with the attempt', 'requested by hand')
    .option('--new', 'after resuming an unfinished attempt, start a new one as well')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--no-color', 'never colour the output')
    .addHelpText(
      'after',
      `
Examples:
  driftwatch retrain churn-model --dry-run
  driftwatch retrain churn-model --reason "new labels from the March campaign"
  driftwatch retrain churn-model --format json | jq .attempt.gate
  driftwatch retrain churn-model --new     # after a crash: finish the old attempt, then start one

Guards (cooldown, minNewRows, maxPerPeriod) are reported but do not stop a manual attempt;
one attempt at a time per model does. After a crash, running the same command again resumes
the unfinished attempt (listed under "resumed") and starts none: each request trains once.
Progress, and why retraining could not start (another process holds the model), go to stderr.

JSON output: { schemaVersion, monitor, model, decision, attempt?, resumed, plan?, error? };
attempt = { id, key, state, trigger, transitions[{from,to,at,reason}], data, training,
champion, challenger, scores, gate, deployment, postDeploy, error }.

Exit status (of the new attempt, else of the resumed one): 0 deployed (or dry run), 1 the
champion keeps serving (gate rejected the challenger, or it was rolled back), 2 bad config,
3 the attempt failed (reason recorded), 4 a provider could not be reached, or the deployment
failed (state deploy-failed: the challenger passed the gate, the champion keeps serving; deploy
it later with "driftwatch models promote"), 5 another process is retraining this model.`,
    )
    .action(async (monitor: string, flags: RetrainFlags) => {
      const { container } = await openConfig(flags.config, { progress: true });
      const service = container.get(retrainingServiceToken);
      const llm = container.get(llmPromotionServiceToken);
      if (llm.has(monitor) && flags.dryRun) throw new UsageError('--dry-run is for monitors; an evaluation suite has no plan step');
      const outcome = llm.has(monitor)
        ? await llm.promote(monitor, flags.reason ? { reason: flags.reason } : {})
        : await service.retrain(monitor, {
            dryRun: flags.dryRun === true,
            newAttempt: flags.new === true,
            ...(flags.reason ? { reason: flags.reason } : {}),
          });
      const colors = pc.createColors(flags.color !== false && Boolean(process.stdout.isTTY));
      if (outcome.error) process.stderr.write(`driftwatch: error: ${describeOutcomeError(outcome)}\n`);
      const text = flags.format === 'json' ? toJson(outcome) : formatOutcome(outcome, colors);
      if (text !== '') process.stdout.write(flags.format === 'json' ? text : `${text}\n`);
      const status = retrainExitStatus(outcome);
      if (status !== 0) setExitCode(status);
    });
}
