import { describe, expect, it } from 'vitest';
import { pushgatewaySinkOptions } from './pushgatewaySinkOptions.js';

const issues = (input: unknown) => {
  const r = pushgatewaySinkOptions.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('pushgatewaySinkOptions', () => {
  it('fills the defaults', () => {
    expect(pushgatewaySinkOptions.parse({ url: 'http://127.0.0.1:9091' })).toEqual({
      url: 'http://127.0.0.1:9091',
      job: 'driftwatch',
      grouping: {},
      groupBy: ['monitor'],
      method: 'put',
      deleteOnSuccess: false,
      prefix: 'driftwatch',
      maxSeriesPerMetric: 1000,
      maxLabelValueLength: 256,
      requestTimeout: 10_000,
      retries: 2,
      backoff: 500,
    });
    expect(pushgatewaySinkOptions.parse({ url: 'https://gw/x', requestTimeout: '2s', backoff: '1s' })).toMatchObject({
      requestTimeout: 2000,
      backoff: 1000,
    });
  });

  it('reports every problem with its path', () => {
    expect(
      issues({
        url: 'ftp://gw',
        grouping: { 'bad-name': 'x', __x: 'y', job: 'z', env: 'prod' },
        groupBy: ['env', 'monitor', 'monitor'],
        method: 'patch',
        basicAuth: { username: 'u' },
        requestTimeout: '0s',
        extra: 1,
      }),
    ).toEqual([
      'url: an http(s) URL',
      'grouping.bad-name: a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)',
      'grouping.__x: label names starting with "__" are reserved by Prometheus',
      'grouping.job: "job" is the grouping key\'s first label: set it with `job`',
      'method: Invalid option: expected one of "put"|"post"',
      'basicAuth.password: Invalid input: expected string, received undefined',
      'requestTimeout: at least 1ms, got 0ms',
      ': Unrecognized key: "extra"',
    ]);
    expect(issues({ url: 'http://gw', grouping: { env: 'p' }, groupBy: ['env', 'm', 'm'] })).toEqual([
      'groupBy.0: "env" is already a fixed grouping label',
      'groupBy.2: "m" is listed twice',
    ]);
    expect(issues({ url: 'http://gw/?a=1' })).toEqual(['url: the Pushgateway base URL, without query or fragment']);
  });
});
