import { useMemo } from 'preact/hooks';
import uPlot from 'uplot';
import { alignSeries, type TimedSeries } from '../alignSeries.js';
import { formatNumber } from '../format.js';
import { axisStyle, palette, UPlotChart } from './UPlotChart.js';

/** Lines over time (UTC), one per series, with a legend; an optional dashed horizontal threshold. */
export function TimeChart({
  name,
  series,
  yLabel,
  percent = false,
  threshold,
  height = 260,
}: {
  name: string;
  series: readonly TimedSeries[];
  yLabel: string;
  percent?: boolean;
  threshold?: number;
  height?: number;
}) {
  const data = useMemo(() => {
    const aligned = alignSeries(series);
    if (threshold !== undefined) aligned.push(aligned[0].map(() => threshold));
    return aligned as uPlot.AlignedData;
  }, [series, threshold]);
  const options = useMemo((): Omit<uPlot.Options, 'width' | 'height'> => {
    const fmt = (v: number | null) => (v === null ? '–' : percent ? `${(v * 100).toFixed(1)}%` : formatNumber(v));
    return {
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      cursor: { points: { size: 7 } },
      legend: { live: true },
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), percent ? Math.max(1, max) : max * 1.08 || 1] } },
      axes: [
        { ...axisStyle },
        {
          ...axisStyle,
          label: yLabel,
          labelSize: 18,
          labelFont: axisStyle.font,
          size: 56,
          values: (_u, splits) => splits.map((v) => (percent ? `${Math.round(v * 100)}%` : formatNumber(v))),
        },
      ],
      series: [
        { label: 'time (UTC)' },
        ...series.map((s, i) => ({
          label: s.label,
          stroke: palette[i % palette.length],
          width: 2,
          spanGaps: true,
          points: { show: true, size: 5 },
          value: (_u: uPlot, v: number | null) => fmt(v),
        })),
        ...(threshold !== undefined
          ? [
              {
                label: 'threshold',
                stroke: '#868e96',
                width: 1,
                dash: [6, 4],
                points: { show: false },
                value: (_u: uPlot, v: number | null) => fmt(v),
              },
            ]
          : []),
      ],
    };
  }, [series, yLabel, percent, threshold]);
  if (series.length === 0 || data[0].length === 0)
    return (
      <div class="empty" data-chart={name} data-points="0">
        No points yet: the series fills as runs are recorded.
      </div>
    );
  return <UPlotChart name={name} options={options} data={data} height={height} />;
}
