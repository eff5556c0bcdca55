import { exitStatus } from '@driftwatch/core';
import { sinkFlushServiceToken } from '@driftwatch/runtime';
import { Command, Option } from 'commander';
import { toJson } from '../output/toJson.js';
import { openConfig } from './openConfig.js';
import { formatSinkDelivery } from './runCommand.js';

/** `driftwatch sinks flush`: sends what the sinks' outboxes hold. */
export function sinksCommand(setExitCode: (code: number) => void): Command {
  const sinks = new Command('sinks')
    .exitOverride()
    // Set before the subcommand is added, so it inherits it: errors read as the other commands' do.
    .configureOutput({ outputError: (text, write) => write(`driftwatch: ${text}`) })
    .summary("work on the config's metric sinks (flush their outboxes)")
    .description("Works on the config's metric sinks.");
  sinks.addCommand(
    new Command('flush')
      .summary('send the points earlier runs could not deliver (the outboxes)')
      .description(
        'Sends every sink the points kept in its outbox under the store (points a run could not deliver: ' +
          'the sink failed after its retries or outlived providers.timeout), oldest first, deduplicated by ' +
          'run id, and removes what the sink took. Points older than the sink accepts (CloudWatch: 14 days) ' +
          'or than providers.outbox.maxAge are dropped with a warning. A run does the same before ' +
          'publishing its own points.',
      )
      .exitOverride()
      .option('--config <file>', 'config file', 'driftwatch.yaml')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
      .addHelpText(
        'after',
        `
Examples:
  driftwatch sinks flush
  driftwatch sinks flush --config prod.yaml --format json

Output: one line per sink, e.g. "sinks[1] (cloudwatch) 48 sent (48 from the outbox)"; JSON: an
array of { sink, type, sent, fromOutbox, pending, dropped, lost, failure? }.

Exit status: 0 every outbox emptied, 2 bad config, 4 a sink failed (its points stay pending).`,
      )
      .action(async (flags: { config?: string; format: 'table' | 'json' }) => {
        const { container } = await openConfig(flags.config);
        const results = await container.get(sinkFlushServiceToken).flush();
        if (flags.format === 'json')
          process.stdout.write(toJson(results.map((r) => ({ ...r.delivery, ...(r.failure ? { failure: r.failure } : {}) }))));
        else
          process.stdout.write(
            results.length === 0 ? 'no sinks configured\n' : results.map((r) => `${formatSinkDelivery(r.delivery)}\n`).join(''),
          );
        for (const r of results)
          if (r.failure !== undefined)
            process.stderr.write(`driftwatch: sink ${r.delivery.sink} (${r.delivery.type}) failed: ${r.failure}\n`);
        if (results.some((r) => r.failure !== undefined)) setExitCode(exitStatus.provider);
      }),
  );
  return sinks;
}
