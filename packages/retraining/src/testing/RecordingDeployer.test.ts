import type { ModelVersion } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { RecordingDeployer } from './RecordingDeployer.js';

const version = (v: string): ModelVersion => ({
  model: 'churn',
  version: v,
  artifactUri: v,
  status: 'candidate',
  createdAt: '',
  metadata: {},
});

describe('RecordingDeployer', () => {
  it('records deploys and rollbacks and tracks the serving version', async () => {
    const deployer = new RecordingDeployer({ serving: '1' });
    expect(await deployer.deploy(version('2'), { previous: version('1') })).toEqual({ status: 'deployed' });
    expect(deployer.serving).toBe('2');
    expect(await deployer.rollback(version('1'))).toEqual({ status: 'deployed' });
    expect(deployer.serving).toBe('1');
    expect(deployer.calls).toEqual([
      { operation: 'deploy', model: 'churn', version: '2', previous: '1' },
      { operation: 'rollback', model: 'churn', version: '1' },
    ]);
  });

  it('fails or throws when told to, and treats redeploying the serving version as a no-op', async () => {
    const deployer = new RecordingDeployer({ serving: '1', failDeploy: 'no capacity', failRollback: 'busy' });
    expect(await deployer.deploy(version('2'))).toEqual({ status: 'failed', reason: 'no capacity' });
    expect(await deployer.deploy(version('1'))).toEqual({ status: 'deployed' });
    expect(await deployer.rollback(version('1'))).toEqual({ status: 'failed', reason: 'busy' });
    deployer.throwNext = new Error('crash');
    await expect(deployer.deploy(version('1'))).rejects.toThrow('crash');
    expect(await deployer.deploy(version('1'))).toEqual({ status: 'deployed' });
    expect(deployer.serving).toBe('1');
  });
});
