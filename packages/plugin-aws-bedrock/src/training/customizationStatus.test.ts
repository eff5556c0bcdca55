import { describe, expect, it } from 'vitest';
import { customizationStatus } from './customizationStatus.js';

describe('customizationStatus', () => {
  it('maps each Bedrock job status', () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/abc123';
    expect(customizationStatus({ jobName: 'j', status: 'Completed', outputModelArn: arn })).toEqual({
      state: 'succeeded',
      artifactUri: arn,
    });
    expect(customizationStatus({ jobName: 'j', status: 'Failed', failureMessage: 'bad record at line 4' })).toEqual({
      state: 'failed',
      reason: 'bad record at line 4',
    });
    expect(customizationStatus({ jobName: 'j', status: 'Failed' })).toEqual({
      state: 'failed',
      reason: 'customization job j failed (no failureMessage)',
    });
    expect(customizationStatus({ jobName: 'j', status: 'Stopping' }).state).toBe('stopped');
    // moto and Bedrock both fill failureMessage on running jobs: it is not a reason then.
    expect(customizationStatus({ jobName: 'j', status: 'InProgress', failureMessage: 'Failure Message' })).toEqual({ state: 'running' });
  });
});
