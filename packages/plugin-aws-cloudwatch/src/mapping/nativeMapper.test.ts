import { describe, expect, it } from 'vitest';
import { nativeMapper } from './nativeMapper.js';

const base = { namespace: 'Driftwatch', dimensions: { exclude: [], extra: {} }, metricNames: {} };

describe('nativeMapper', () => {
  it('keeps the point name and all dimensions, sorted by name', () => {
    expect(nativeMapper(base).map('drift.score', { monitor: 'm', feature: 'age', method: 'psi', measure: 'distance' })).toEqual({
      ok: true,
      metric: {
        namespace: 'Driftwatch',
        metricName: 'drift.score',
        dimensions: [
          { Name: 'feature', Value: 'age' },
          { Name: 'measure', Value: 'distance' },
          { Name: 'method', Value: 'psi' },
          { Name: 'monitor', Value: 'm' },
        ],
      },
    });
  });

  it('applies include, exclude, extra dimensions and renames', () => {
    const mapper = nativeMapper({
      namespace: 'Ns',
      dimensions: { include: ['feature', 'chunk', 'env'], exclude: ['chunk'], extra: { env: 'prod', team: 'risk' } },
      metricNames: { 'drift.score': 'DriftScore' },
    });
    const out = mapper.map('drift.score', { feature: 'age', chunk: '2', method: 'psi', env: 'staging' });
    expect(out).toEqual({
      ok: true,
      metric: {
        namespace: 'Ns',
        metricName: 'DriftScore',
        // A point's own value wins over the constant one; `team` is extra, not a point dimension, so include does not filter it.
        dimensions: [
          { Name: 'env', Value: 'staging' },
          { Name: 'feature', Value: 'age' },
          { Name: 'team', Value: 'risk' },
        ],
      },
    });
  });

  it('refuses more than 30 dimensions, empty or over-long values', () => {
    const many = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`d${i}`, 'v']));
    expect(nativeMapper(base).map('x', many)).toMatchObject({
      ok: false,
      reason: 'invalid',
      detail: '31 dimensions (CloudWatch allows 30)',
    });
    expect(nativeMapper(base).map('x', { feature: '' })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(nativeMapper(base).map('x', { feature: 'a'.repeat(1025) })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(nativeMapper(base).map('x', { feature: 'a'.repeat(1024) }).ok).toBe(true);
    expect(nativeMapper(base).map('n'.repeat(256), {})).toMatchObject({ ok: false, reason: 'invalid' });
  });
});
