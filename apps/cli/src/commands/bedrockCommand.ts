import { UsageError } from '@driftwatch/core';
import { Command, Option } from 'commander';
import { toJson } from '../output/toJson.js';

/** Flags of `bedrock logging status`. */
interface LoggingStatusFlags {
  readonly region?: string;
  readonly endpoint?: string;
  readonly profile?: string;
  readonly format: 'table' | 'json';
  readonly failIfOff?: boolean;
}

/** `driftwatch bedrock logging status`. */
export function bedrockCommand(setExitCode: (code: number) => void): Command {
  const bedrock = new Command('bedrock')
    .exitOverride()
    // Set before the subcommands are added, so they inherit it: errors read as the other commands' do.
    .configureOutput({ outputError: (text, write) => write(`driftwatch: ${text}`) })
    .summary('Amazon Bedrock account settings Driftwatch relies on')
    .description('Shows the Amazon Bedrock settings the bedrock-invocation-logs source and LLM monitors rely on.');
  const logging = bedrock
    .command('logging')
    .exitOverride()
    .summary('model invocation logging')
    .description('Model invocation logging: the request and response records the bedrock-invocation-logs source reads.');
  logging
    .command('status')
    .exitOverride()
    .summary('show whether model invocation logging is on, and where it writes')
    .description(
      'Calls GetModelInvocationLoggingConfiguration for the account and region and prints whether ' +
        'invocation logging is on, its S3 and CloudWatch Logs destinations and the data kinds logged ' +
        '(text, image, embedding, video). Credentials come from the SDK chain (or --profile); the region ' +
        'from --region, else AWS_REGION, else AWS_DEFAULT_REGION.\n\n' +
        '--format json prints { schemaVersion: 1, region, enabled, s3, cloudWatch: { logGroupName, ' +
        'roleArn, largeDataS3 } | null, delivery: [...] }. With --fail-if-off the status is 1 when logging is off.',
    )
    .option('--region <region>', 'AWS region (default AWS_REGION, then AWS_DEFAULT_REGION)')
    .option('--endpoint <url>', 'Bedrock endpoint override, e.g. a VPC endpoint or a local emulator')
    .option('--profile <name>', 'named profile of the shared AWS config (default AWS_PROFILE)')
    .option('--fail-if-off', 'exit with status 1 when invocation logging is off')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (flags: LoggingStatusFlags) => {
      // The SDK loads only for this command.
      const { bedrockConnectionOptions, createBedrockClient, readInvocationLoggingStatus } = await import('@driftwatch/plugin-aws-bedrock');
      const parsed = bedrockConnectionOptions.safeParse({ region: flags.region, endpoint: flags.endpoint, profile: flags.profile });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new UsageError(`bedrock logging status: --${String(issue.path[0])}: ${issue.message}`);
      }
      const client = createBedrockClient(parsed.data, process.env);
      try {
        const status = await readInvocationLoggingStatus(client, parsed.data);
        if (flags.format === 'json') process.stdout.write(toJson(status));
        else {
          const lines = [`model invocation logging in ${status.region}: ${status.enabled ? 'on' : 'off'}`];
          if (status.s3 !== null) lines.push(`  S3: ${status.s3}`);
          if (status.cloudWatch !== null) {
            const { logGroupName, roleArn, largeDataS3 } = status.cloudWatch;
            lines.push(
              `  CloudWatch Logs: ${logGroupName}${roleArn ? ` (role ${roleArn})` : ''}${largeDataS3 ? `, large bodies to ${largeDataS3}` : ''}`,
            );
          }
          if (status.enabled) lines.push(`  data logged: ${status.delivery.length > 0 ? status.delivery.join(', ') : 'none'}`);
          else lines.push('  turn it on in the Bedrock console (Settings) or with PutModelInvocationLoggingConfiguration');
          process.stdout.write(`${lines.join('\n')}\n`);
        }
        if (flags.failIfOff && !status.enabled) setExitCode(1);
      } finally {
        client.destroy();
      }
    });
  return bedrock;
}
