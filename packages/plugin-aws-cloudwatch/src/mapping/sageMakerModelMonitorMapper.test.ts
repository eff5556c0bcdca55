import { describe, expect, it } from 'vitest';
import { cloudWatchSinkOptions } from '../options/cloudWatchSinkOptions.js';
import { createMetricMapper } from './createMetricMapper.js';

const mapper = (sagemaker: Record<string, unknown>, rest: Record<string, unknown> = {}) =>
  createMetricMapper(cloudWatchSinkOptions.parse({ compat: 'sagemaker-model-monitor', sagemaker, ...rest }));
const endpoint = { endpointName: 'credit-ep', dataQualitySchedule: 'dq', modelQualitySchedule: 'mq' };
const drift = (feature: string, method: string, measure: string, extra: Record<string, string> = {}) => ({
  monitor: 'credit',
  feature,
  method,
  measure,
  ...extra,
});

describe('SageMaker Model Monitor compat mapping', () => {
  it('maps drift distances to feature_baseline_drift_<feature> under data-metrics with Endpoint and MonitoringSchedule', () => {
    expect(mapper(endpoint).map('drift.score', drift('income', 'wasserstein', 'distance'))).toEqual({
      ok: true,
      metric: {
        namespace: 'aws/sagemaker/Endpoints/data-metrics',
        metricName: 'feature_baseline_drift_income',
        dimensions: [
          { Name: 'Endpoint', Value: 'credit-ep' },
          { Name: 'MonitoringSchedule', Value: 'dq' },
        ],
        closed: true,
      },
    });
  });

  it("maps a Model Monitor baseline run's points to feature_data_ (with its statistic), feature_non_null_ and feature_baseline_drift_", () => {
    const m = mapper(endpoint);
    const f = { monitor: 'credit', feature: 'age' };
    expect(m.map('modelmonitor.data.min', f)).toMatchObject({ ok: true, metric: { metricName: 'feature_data_age', statistic: 'Minimum' } });
    expect(m.map('modelmonitor.data.count', f)).toMatchObject({ metric: { metricName: 'feature_data_age', statistic: 'SampleCount' } });
    expect(m.map('modelmonitor.non_null', f)).toMatchObject({
      metric: { namespace: 'aws/sagemaker/Endpoints/data-metrics', metricName: 'feature_non_null_age' },
    });
    const mm = m.map('modelmonitor.baseline_drift', { ...f, method: 'numerical_linf_simple' });
    expect(mm).toMatchObject({ metric: { metricName: 'feature_baseline_drift_age' } });
    expect(mm.ok && mm.metric.statistic).toBeUndefined();
    // Beside Model Monitor's own baseline drift, the run's drift score would be a second figure under that name.
    const dropping = mapper({ ...endpoint, unmapped: 'drop' });
    expect(dropping.map('drift.score', drift('age', 'wasserstein', 'distance'), { modelMonitorBaselineDrift: true })).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/Model Monitor's own baseline drift/),
    });
    expect(dropping.map('drift.score', drift('age', 'wasserstein', 'distance'))).toMatchObject({ ok: true });
  });

  it('uses the ModelMonitoring namespaces and only MonitoringSchedule for batch transform', () => {
    const m = mapper({ target: 'batch-transform', dataQualitySchedule: 'dq', modelQualitySchedule: 'mq' });
    expect(m.map('drift.score', drift('age', 'psi', 'distance'))).toMatchObject({
      metric: { namespace: 'aws/sagemaker/ModelMonitoring/data-metrics', dimensions: [{ Name: 'MonitoringSchedule', Value: 'dq' }] },
    });
    expect(m.map('performance.f1', { metric: 'f1' })).toMatchObject({
      metric: {
        namespace: 'aws/sagemaker/ModelMonitoring/model-metrics',
        metricName: 'f1',
        dimensions: [{ Name: 'MonitoringSchedule', Value: 'mq' }],
      },
    });
  });

  it('adds the Feature dimension when featureDimension is set', () => {
    expect(mapper({ ...endpoint, featureDimension: '_' }).map('drift.score', drift('age', 'psi', 'distance'))).toMatchObject({
      metric: {
        dimensions: [
          { Name: 'Endpoint', Value: 'credit-ep' },
          { Name: 'Feature', Value: '_' },
          { Name: 'MonitoringSchedule', Value: 'dq' },
        ],
      },
    });
  });

  it('maps performance metrics to Model Monitor model-quality names, by name suffix or `metric` dimension', () => {
    const m = mapper(endpoint);
    const names = (point: string, dims: Record<string, string>) => {
      const out = m.map(point, dims);
      return out.ok ? `${out.metric.namespace} ${out.metric.metricName}` : out.reason;
    };
    expect(names('performance.f1', {})).toBe('aws/sagemaker/Endpoints/model-metrics f1');
    expect(names('performance.roc_auc', {})).toBe('aws/sagemaker/Endpoints/model-metrics auc');
    expect(names('performance.value', { metric: 'pr_auc' })).toBe('aws/sagemaker/Endpoints/model-metrics au_prc');
    expect(names('performance.rmse', { metric: 'rmse' })).toBe('aws/sagemaker/Endpoints/model-metrics rmse');
  });

  it('sends what Model Monitor has no name for to the native namespace, or drops it with unmapped: drop', () => {
    const native = mapper(endpoint, { namespace: 'Native' });
    const dropping = mapper({ ...endpoint, unmapped: 'drop' });
    const cases: [string, Record<string, string>, RegExp][] = [
      ['drift.score', drift('city', 'chi2', 'p_value'), /p-values/],
      ['drift.score', drift('age', 'psi', 'distance', { chunk: '3' }), /per-chunk/],
      ['drift.score', drift('age', 'psi', 'distance', { window: 'week' }), /per-window/],
      ['performance.f1', { estimated: 'true', metric: 'f1' }, /estimated/],
      ['performance.balanced_accuracy', {}, /sagemaker\.metricNames/],
      ['dataset.drift_share', { monitor: 'credit' }, /no Model Monitor equivalent/],
    ];
    for (const [name, dims, why] of cases) {
      expect(native.map(name, dims)).toMatchObject({ ok: true, metric: { namespace: 'Native', metricName: name } });
      expect(dropping.map(name, dims)).toMatchObject({ ok: false, reason: 'unmapped', detail: expect.stringMatching(why) });
    }
  });

  it('restricts drift methods when driftMethods is set, and takes extra metric names', () => {
    const m = mapper({
      ...endpoint,
      driftMethods: ['wasserstein'],
      metricNames: { balanced_accuracy: 'balanced_accuracy' },
      unmapped: 'drop',
    });
    expect(m.map('drift.score', drift('age', 'psi', 'distance')).ok).toBe(false);
    expect(m.map('drift.score', drift('age', 'wasserstein', 'distance')).ok).toBe(true);
    expect(m.map('performance.balanced_accuracy', {})).toMatchObject({ ok: true, metric: { metricName: 'balanced_accuracy' } });
  });

  it('leaves drift unmapped without a data-quality schedule, and performance without a model-quality one', () => {
    const onlyModel = mapper({ endpointName: 'ep', modelQualitySchedule: 'mq', unmapped: 'drop' });
    expect(onlyModel.map('drift.score', drift('age', 'psi', 'distance'))).toMatchObject({
      ok: false,
      detail: 'no dataQualitySchedule configured',
    });
    const onlyData = mapper({ endpointName: 'ep', dataQualitySchedule: 'dq', unmapped: 'drop' });
    expect(onlyData.map('performance.f1', {})).toMatchObject({ ok: false, detail: 'no modelQualitySchedule configured' });
  });
});
