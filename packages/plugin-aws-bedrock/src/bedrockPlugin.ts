import { resolve } from 'node:path';
import { definePlugin, defineProvider } from '@driftwatch/core';
import { championFileOptions } from './deploy/championFileOptions.js';
import { ssmParameterOptions } from './deploy/ssmParameterOptions.js';
import { bedrockInvocationLogsOptions } from './logs/bedrockInvocationLogsOptions.js';
import { bedrockCustomizationOptions } from './training/bedrockCustomizationOptions.js';

// The providers and the AWS SDK load when a config first uses them (`create`), not when the
// plugin loads: every config-driven command loads the built-in plugins, and the SDK takes ~0.3 s.
const clients = () => import('./aws/createControlClients.js');

/** The Bedrock plugin: invocation-log source, the champion in an SSM parameter, model customization jobs. */
export const bedrockPlugin = definePlugin({
  name: '@driftwatch/plugin-aws-bedrock',
  providers: [
    defineProvider({
      port: 'DataSource',
      type: 'bedrock-invocation-logs',
      description:
        'reads Bedrock model invocation logs (or CloudWatch Logs exports of them) under an S3 prefix as rows of prompt, response, tokens, latency, model, stop reason and refusal, optionally with Titan embeddings and judge scores on a sample; figures llm.refusal_rate, llm.judge.<rubric>, …',
      options: bedrockInvocationLogsOptions,
      create: async (options, context) => {
        const [{ createS3Client }, { BedrockInvocationLogsDataSource }] = await Promise.all([
          clients(),
          import('./logs/BedrockInvocationLogsDataSource.js'),
        ]);
        return new BedrockInvocationLogsDataSource(createS3Client(options, context.env), options, {
          baseDir: context.baseDir,
          env: context.env,
          logger: context.logger,
          signal: context.signal,
        });
      },
    }),
    defineProvider({
      port: 'Deployer',
      type: 'ssm-parameter',
      description:
        'switches an LLM application by writing the champion (model ID, prompt version) as JSON to an SSM parameter; rollback restores it from the parameter history',
      options: ssmParameterOptions,
      create: async (options, context) => {
        const [{ createSsmClient }, { SsmParameterDeployer }] = await Promise.all([clients(), import('./deploy/SsmParameterDeployer.js')]);
        return new SsmParameterDeployer(createSsmClient(options, context.env), options);
      },
    }),
    defineProvider({
      port: 'Deployer',
      type: 'champion-file',
      description:
        'the offline ssm-parameter: writes the champion (model ID, prompt version) as JSON to a local file, atomically; rollback restores it from <path>.history.jsonl',
      options: championFileOptions,
      create: async (options, context) => {
        const { ChampionFileDeployer } = await import('./deploy/ChampionFileDeployer.js');
        return new ChampionFileDeployer(resolve(context.baseDir, options.path));
      },
    }),
    defineProvider({
      port: 'TrainingProvider',
      type: 'bedrock-customization',
      description:
        'fine-tunes a Bedrock foundation model with a model customization job (local JSONL training data uploaded to S3 first), idempotent per attempt key',
      options: bedrockCustomizationOptions,
      create: async (options, context) => {
        const [{ createBedrockClient, createS3Client }, { BedrockCustomizationProvider }] = await Promise.all([
          clients(),
          import('./training/BedrockCustomizationProvider.js'),
        ]);
        return new BedrockCustomizationProvider(createBedrockClient(options, context.env), createS3Client(options, context.env), options, {
          baseDir: context.baseDir,
        });
      },
    }),
  ],
});

export default bedrockPlugin;
