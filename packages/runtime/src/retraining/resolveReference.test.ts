import type { ModelRegistry, ModelVersion } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import type { MonitorConfig } from '../config/driftwatchConfigSchema.js';
import type { RetrainingBundle } from './RetrainingBundle.js';
import { resolveReference } from './resolveReference.js';

const monitor = { name: 'churn', reference: { from: 'champion', initial: { path: 'data/initial.csv' } } } as unknown as MonitorConfig;

function bundles(champion: Partial<ModelVersion> | undefined, registry: Record<string, unknown>): Map<string, RetrainingBundle> {
  const fake = {
    type: 'fake',
    champion: async () => (champion ? ({ model: 'churn', version: '3', metadata: {}, ...champion } as ModelVersion) : undefined),
  } as unknown as ModelRegistry;
  return new Map([['churn', { monitor, index: 0, config: { registry }, registry: fake } as unknown as RetrainingBundle]]);
}

describe('resolveReference from the champion', () => {
  it("reads the champion's Model Monitor baselines with the registry's connection", async () => {
    const baseline = { statistics: 's3://b/churn/statistics.json', constraints: 's3://b/churn/constraints.json' };
    const resolved = await resolveReference(
      monitor,
      0,
      bundles(
        { metadata: { modelMonitorBaseline: baseline, reference: '/data/holdout.csv' } },
        { type: 'sagemaker', image: 'img', region: 'eu-west-1', endpoint: 'http://127.0.0.1:5000', forcePathStyle: true },
      ),
    );
    expect(resolved).toEqual({
      spec: { type: 'sagemaker-baseline', region: 'eu-west-1', endpoint: 'http://127.0.0.1:5000', forcePathStyle: true, ...baseline },
      configPath: 'monitors[0].reference (the Model Monitor baselines of champion version 3)',
    });
  });

  it('falls back to the recorded holdout, then to initial', async () => {
    expect((await resolveReference(monitor, 0, bundles({ metadata: { reference: '/data/holdout.csv' } }, {}))).spec).toEqual({
      path: '/data/holdout.csv',
    });
    expect(await resolveReference(monitor, 0, bundles(undefined, {}))).toEqual({
      spec: { path: 'data/initial.csv' },
      configPath: 'monitors[0].reference.initial',
    });
  });
});
