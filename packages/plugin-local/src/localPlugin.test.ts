import { testProviderContext } from '@driftwatch/core/testing';
import { describe, expect, it } from 'vitest';
import { ChampionPointerDeployer } from './deploy/ChampionPointerDeployer.js';
import { CommandEvaluator } from './evaluation/CommandEvaluator.js';
import { localPlugin } from './localPlugin.js';
import type { FolderModelRegistry } from './registry/FolderModelRegistry.js';
import { CommandTrainingProvider } from './training/CommandTrainingProvider.js';

const definition = (port: string, type: string) => {
  const found = localPlugin.providers.find((p) => p.port === port && p.type === type);
  if (!found) throw new Error(`no ${port} ${type}`);
  return found;
};
const context = testProviderContext({ baseDir: '/srv/config' });

describe('localPlugin retraining providers', () => {
  it('declares the four providers with defaults resolved against the config folder', async () => {
    const training = definition('TrainingProvider', 'command');
    const options = training.options.parse({ command: ['python', 'train.py'] });
    expect(options).toEqual({ command: ['python', 'train.py'], timeout: 3_600_000, workDir: '.driftwatch/training' });
    const provider = (await training.create(options, context)) as CommandTrainingProvider;
    expect(provider).toBeInstanceOf(CommandTrainingProvider);
    expect(provider.jobDir('k1')).toBe('/srv/config/.driftwatch/training/k1');

    const evaluator = definition('Evaluator', 'command');
    expect(evaluator.options.parse({ command: 'python predict.py', timeout: '90s' })).toEqual({
      command: 'python predict.py',
      timeout: 90_000,
      predictionColumn: 'prediction',
      scoreColumn: 'proba',
      modelCache: '.driftwatch/model-cache',
    });
    expect(evaluator.options.safeParse({ command: 'x', s3: { region: 'nowhere' } }).success).toBe(false);
    expect(await evaluator.create(evaluator.options.parse({ command: 'x' }), context)).toBeInstanceOf(CommandEvaluator);

    const registry = definition('ModelRegistry', 'folder');
    const folder = (await registry.create(registry.options.parse({}), context)) as FolderModelRegistry;
    expect(folder.root).toBe('/srv/config/.driftwatch/models');

    const deployer = definition('Deployer', 'champion-pointer');
    expect(deployer.options.parse({ hook: ['systemctl', 'reload', 'model-server'], timeout: 2_000 })).toEqual({
      path: '.driftwatch/serving',
      hook: ['systemctl', 'reload', 'model-server'],
      timeout: 2_000,
    });
    expect(await deployer.create(deployer.options.parse({}), context)).toBeInstanceOf(ChampionPointerDeployer);
  });

  it('refuses bad durations, empty commands and unknown options', () => {
    const training = definition('TrainingProvider', 'command');
    const bad = training.options.safeParse({ command: 'train', timeout: '10 minutes' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({
      path: ['timeout'],
      message: 'expected a duration such as 30s, 10m, 24h or 7d, got "10 minutes"',
    });
    expect(training.options.safeParse({ command: [] }).success).toBe(false);
    expect(training.options.safeParse({ command: '' }).success).toBe(false);
    expect(training.options.safeParse({ command: 'train', retries: 2 }).success).toBe(false);
    expect(definition('ModelRegistry', 'folder').options.safeParse({ path: 'm', champion: '1' }).success).toBe(false);
  });
});
