import type { ProviderLifecycle } from '@driftwatch/core';
import { isDriftwatchPlugin } from '@driftwatch/core';
import { testProviderContext } from '@driftwatch/core/testing';
import { describe, expect, it } from 'vitest';
import plugin from './bedrockPlugin.js';
import { ChampionFileDeployer } from './deploy/ChampionFileDeployer.js';
import { SsmParameterDeployer } from './deploy/SsmParameterDeployer.js';
import { BedrockInvocationLogsDataSource } from './logs/BedrockInvocationLogsDataSource.js';
import { BedrockCustomizationProvider } from './training/BedrockCustomizationProvider.js';

const examples: Record<string, [object, abstract new (...args: never) => unknown]> = {
  'DataSource:bedrock-invocation-logs': [{ uri: 's3://bkt/logs/' }, BedrockInvocationLogsDataSource],
  'Deployer:ssm-parameter': [{ parameterName: '/bot/champion' }, SsmParameterDeployer],
  'Deployer:champion-file': [{ path: 'serving/champion.json' }, ChampionFileDeployer],
  'TrainingProvider:bedrock-customization': [
    { roleArn: 'arn:aws:iam::123456789012:role/R', baseModelIdentifier: 'amazon.titan-text-express-v1', outputUri: 's3://bkt/out' },
    BedrockCustomizationProvider,
  ],
};

describe('the Bedrock plugin', () => {
  it('declares its providers and creates each from parsed options', async () => {
    expect(isDriftwatchPlugin(plugin)).toBe(true);
    expect(plugin.name).toBe('@driftwatch/plugin-aws-bedrock');
    expect(plugin.providers.map((p) => `${p.port}:${p.type}`)).toEqual(Object.keys(examples));
    for (const p of plugin.providers) {
      const [options, type] = examples[`${p.port}:${p.type}`]!;
      const made = await p.create(p.options.parse(options), testProviderContext({ baseDir: '.', env: { AWS_REGION: 'eu-west-1' } }));
      expect(made).toBeInstanceOf(type);
      await (made as ProviderLifecycle).shutdown?.({ signal: new AbortController().signal });
    }
  });
});
