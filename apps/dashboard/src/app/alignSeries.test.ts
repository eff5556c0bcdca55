import { describe, expect, it } from 'vitest';
import { alignSeries } from './alignSeries.js';

describe('alignSeries', () => {
  it('puts series with different timestamps on one sorted x axis in epoch seconds, null where a series has no point', () => {
    const [x, a, b] = alignSeries([
      {
        label: 'a',
        points: [
          { timestamp: '2026-03-04T11:00:00Z', value: 0.2 },
          { timestamp: '2026-03-04T10:00:00Z', value: 0.1 },
        ],
      },
      {
        label: 'b',
        points: [
          { timestamp: '2026-03-04T10:30:00Z', value: 3 },
          { timestamp: '2026-03-04T11:00:00Z', value: Number.NaN },
        ],
      },
    ]);
    const t = (iso: string) => Date.parse(iso) / 1000;
    expect(x).toEqual([t('2026-03-04T10:00:00Z'), t('2026-03-04T10:30:00Z'), t('2026-03-04T11:00:00Z')]);
    expect(a).toEqual([0.1, null, 0.2]);
    expect(b).toEqual([null, 3, null]);
  });
});
