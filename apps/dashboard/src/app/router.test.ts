import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './router.js';

describe('parseRoute', () => {
  it('reads every page from the hash, and round-trips names that need escaping', () => {
    expect(parseRoute('')).toEqual({ page: 'overview' });
    expect(parseRoute('#/')).toEqual({ page: 'overview' });
    expect(parseRoute(href.monitor('churn model/v2'))).toEqual({ page: 'monitor', monitor: 'churn model/v2' });
    expect(parseRoute(href.run('20261207T0433Z-churn-c4f00f'))).toEqual({ page: 'run', id: '20261207T0433Z-churn-c4f00f' });
    expect(parseRoute(href.retraining())).toEqual({ page: 'retraining' });
    expect(parseRoute(href.models())).toEqual({ page: 'models' });
    expect(parseRoute(href.model('churn'))).toEqual({ page: 'model', model: 'churn' });
    expect(parseRoute('#/monitors/a/b')).toEqual({ page: 'not-found', path: '/monitors/a/b' });
  });
});
