import { describe, expect, it } from 'vitest';
import { cloudWatchSinkOptions } from './cloudWatchSinkOptions.js';

const issues = (input: unknown) => {
  const r = cloudWatchSinkOptions.safeParse(input);
  if (r.success) throw new Error('expected a validation error');
  return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('cloudWatchSinkOptions', () => {
  it('defaults to the Driftwatch namespace, standard resolution and the service limits', () => {
    expect(cloudWatchSinkOptions.parse({})).toEqual({
      namespace: 'Driftwatch',
      dimensions: { exclude: [], extra: {} },
      metricNames: {},
      compat: 'none',
      maxAttempts: 5,
      retryBaseDelayMs: 200,
      retryMaxDelayMs: 20_000,
      requestCompression: true,
      storageResolution: 60,
      maxBatchSize: 1000,
      maxRequestBytes: 1_000_000,
      outOfRange: 'clamp',
    });
  });

  it('rejects values beyond the service limits, each with its path', () => {
    expect(
      issues({
        maxBatchSize: 1001,
        maxRequestBytes: 2_000_000,
        storageResolution: 5,
        namespace: 'AWS/SageMaker',
        region: 'mars',
        endpoint: 'ftp://x',
      }),
    ).toEqual([
      expect.stringMatching(/^region: an AWS region/),
      expect.stringMatching(/^endpoint: an http\(s\) URL/),
      expect.stringMatching(/^namespace: the AWS\/ prefix is reserved/),
      expect.stringMatching(/^storageResolution: /),
      expect.stringMatching(/^maxBatchSize: .*1000/),
      expect.stringMatching(/^maxRequestBytes: .*1000000/),
    ]);
  });

  it('rejects unknown keys (a typo must not silently do nothing)', () => {
    expect(issues({ namespce: 'X' })).toEqual([expect.stringMatching(/namespce/)]);
  });

  it('rejects dimension names and values CloudWatch would refuse', () => {
    expect(issues({ dimensions: { extra: { env: '' }, include: [''] } })).toEqual([
      expect.stringMatching(/^dimensions\.include\.0: /),
      expect.stringMatching(/^dimensions\.extra\.env: /),
    ]);
    expect(issues({ dimensions: { extra: { env: 'x'.repeat(1025) } } })).toEqual([expect.stringMatching(/^dimensions\.extra\.env: /)]);
  });

  it('checks the SageMaker compat block: required with compat, endpoint and a schedule needed', () => {
    expect(issues({ compat: 'sagemaker-model-monitor' })).toEqual(['sagemaker: compat sagemaker-model-monitor needs a sagemaker block']);
    expect(issues({ compat: 'sagemaker-model-monitor', sagemaker: {} })).toEqual([
      'sagemaker.endpointName: required for target endpoint',
      'sagemaker: name at least one schedule (dataQualitySchedule or modelQualitySchedule)',
    ]);
    expect(issues({ sagemaker: { dataQualitySchedule: 'dq', endpointName: 'ep' } })).toEqual([
      'sagemaker: only used with compat: sagemaker-model-monitor',
    ]);
    expect(issues({ compat: 'sagemaker', sagemaker: { target: 'lambda' } })).toEqual([
      expect.stringMatching(/^compat: /),
      expect.stringMatching(/^sagemaker\.target: /),
    ]);
    expect(
      cloudWatchSinkOptions.parse({
        compat: 'sagemaker-model-monitor',
        sagemaker: { target: 'batch-transform', modelQualitySchedule: 'mq' },
      }).sagemaker,
    ).toEqual({ target: 'batch-transform', modelQualitySchedule: 'mq', metricNames: {}, unmapped: 'native' });
  });
});
