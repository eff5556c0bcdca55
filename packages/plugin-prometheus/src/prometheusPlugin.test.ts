import { isDriftwatchPlugin } from '@driftwatch/core';
import { testProviderContext } from '@driftwatch/core/testing';
import { describe, expect, it } from 'vitest';
import plugin, { PushgatewayMetricsSink, pushgatewayGroupPath } from './index.js';

describe('prometheusPlugin', () => {
  it('is a plugin with a pushgateway sink made from its options', async () => {
    expect(isDriftwatchPlugin(plugin)).toBe(true);
    expect(plugin.name).toBe('@driftwatch/plugin-prometheus');
    expect(plugin.providers.map((p) => `${p.port}:${p.type}`)).toEqual(['MetricsSink:pushgateway']);
    const provider = plugin.providers[0];
    const sink = await provider?.create(provider.options.parse({ url: 'http://127.0.0.1:1' }), testProviderContext());
    expect(sink).toBeInstanceOf(PushgatewayMetricsSink);
    expect((sink as PushgatewayMetricsSink).type).toBe('pushgateway');
  });
});

describe('pushgatewayGroupPath', () => {
  it('writes plain values as they are and the others in base64url, empty as =', () => {
    expect(pushgatewayGroupPath('driftwatch', [['monitor', 'credit-risk.v2']])).toBe('/metrics/job/driftwatch/monitor/credit-risk.v2');
    expect(
      pushgatewayGroupPath('a/b', [
        ['monitor', ''],
        ['env', 'prod eu'],
      ]),
    ).toBe(
      `/metrics/job@base64/${Buffer.from('a/b').toString('base64url')}/monitor@base64/=/env@base64/${Buffer.from('prod eu').toString('base64url')}`,
    );
  });
});
