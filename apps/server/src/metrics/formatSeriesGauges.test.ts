import type { MetricPoint } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { formatSeriesGauges, prometheusName } from './formatSeriesGauges.js';

const point = (name: string, value: number, dimensions: Record<string, string>, timestamp = '2026-01-01T00:00:00.000Z'): MetricPoint => ({
  name,
  value,
  unit: 'None',
  timestamp,
  dimensions,
});

describe('formatSeriesGauges', () => {
  it('names metrics driftwatch_ + underscores, dimensions as sorted, escaped labels', () => {
    expect(prometheusName('drift.p_value')).toBe('driftwatch_drift_p_value');
    expect(prometheusName('perf.roc-auc')).toBe('driftwatch_perf_roc_auc');
    const { text, dropped } = formatSeriesGauges(
      [
        point('drift.statistic', 0.25, { monitor: 'm', feature: 'age', method: 'ks' }),
        point('drift.statistic', 0.5, { monitor: 'm', feature: 'say "hi"\\', method: 'ks' }),
        point('dataset.drift_share', 1, { monitor: 'm' }),
      ],
      10,
    );
    expect(text).toBe(
      [
        '# HELP driftwatch_dataset_drift_share Latest stored value of the Driftwatch metric, by its dimensions',
        '# TYPE driftwatch_dataset_drift_share gauge',
        'driftwatch_dataset_drift_share{monitor="m"} 1',
        '# HELP driftwatch_drift_statistic Latest stored value of the Driftwatch metric, by its dimensions',
        '# TYPE driftwatch_drift_statistic gauge',
        'driftwatch_drift_statistic{feature="age",method="ks",monitor="m"} 0.25',
        'driftwatch_drift_statistic{feature="say \\"hi\\"\\\\",method="ks",monitor="m"} 0.5',
        '',
      ].join('\n'),
    );
    expect(dropped.size).toBe(0);
  });

  it('drops high-cardinality dimensions (the newest point wins) and caps series per metric, counting the rest', () => {
    const points = [
      point('drift.score', 1, { monitor: 'm', feature: 'a', chunk: '2026-W01' }, '2026-01-01T00:00:00.000Z'),
      point('drift.score', 2, { monitor: 'm', feature: 'a', chunk: '2026-W02' }, '2026-01-08T00:00:00.000Z'),
      point('drift.score', 3, { monitor: 'm', feature: 'b', runId: 'r1' }),
      point('drift.score', 4, { monitor: 'm', feature: 'c' }),
      point('drift.score', Number.NaN, { monitor: 'n', feature: 'a' }),
    ];
    const { text, dropped } = formatSeriesGauges(points, 2);
    expect(text.split('\n').filter((l) => l.startsWith('driftwatch_drift_score'))).toEqual([
      'driftwatch_drift_score{feature="a",monitor="m"} 2',
      'driftwatch_drift_score{feature="a",monitor="n"} NaN',
    ]);
    expect([...dropped]).toEqual([['driftwatch_drift_score', 2]]);
  });

  it('leaves out (and counts) a point whose dimensions make one label twice; reserved and digit-led names are fixed', () => {
    const { text, dropped } = formatSeriesGauges(
      [
        point('custom.score', 1, { monitor: 'm', 'segment.region': 'eu', segment_region: 'x' }),
        point('custom.score', 2, { monitor: 'm', segment_region: 'eu' }),
        point('custom.other', 3, { monitor: 'm', __secret: 'y', '9lives': 'z' }),
        point('custom.only_bad', 4, { 'a-b': '1', a_b: '2' }),
      ],
      10,
    );
    expect(text.split('\n').filter((l) => !l.startsWith('#'))).toEqual([
      'driftwatch_custom_other{_9lives="z",monitor="m",secret="y"} 3',
      'driftwatch_custom_score{monitor="m",segment_region="eu"} 2',
      '',
    ]);
    // A metric with no valid series has no HELP/TYPE lines, only its dropped count.
    expect(text).not.toContain('driftwatch_custom_only_bad');
    expect([...dropped].sort()).toEqual([
      ['driftwatch_custom_only_bad', 1],
      ['driftwatch_custom_score', 1],
    ]);
  });
});
