import { useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import { formatNumber } from '../format.js';
import type { QualityChart } from '../qualityBands.js';
import { axisStyle, UPlotChart } from './UPlotChart.js';

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A metric over chunks with the HTML report's bands: reference chunks on a shaded background
 * (their line muted), the threshold band between dashed bounds, the ±3·SE band around the
 * current chunks, and a red diamond on each chunk outside the thresholds.
 */
export function BandChart({ chart, height = 240 }: { chart: QualityChart; height?: number }) {
  const built = useMemo(() => build(chart), [chart]);
  return (
    <figure class="band-chart">
      <figcaption>
        <span class="band-title">{chart.title}</span>
        <span class="band-desc">{chart.description}</span>
      </figcaption>
      <UPlotChart name={`quality-${chart.title.replaceAll(' ', '-')}`} options={built.options} data={built.data} height={height} />
      <div class="band-legend">
        <span class="lg lg-line">{chart.lines[0]?.name ?? 'value'}</span>
        {chart.lines.length > 1 && <span class="lg lg-dashed">{chart.lines[1]?.name}</span>}
        <span class="lg lg-ci">±3·SE</span>
        <span class="lg lg-threshold">threshold band</span>
        {chart.referencePeriod.some(Boolean) && <span class="lg lg-ref">reference chunks</span>}
        <span class="lg lg-alert">alert</span>
      </div>
    </figure>
  );
}

function build(chart: QualityChart): { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData } {
  const k = chart.chunks.length;
  const x = chart.chunks.map((_, i) => i);
  const isRef = (i: number) => chart.referencePeriod[i] === true;
  const main = chart.lines[0];
  const values = main?.values ?? [];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const see = (v: number | null | undefined) => {
    if (finite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  };
  for (const line of chart.lines) {
    line.values.forEach(see);
    line.lower?.forEach(see);
    line.upper?.forEach(see);
  }
  see(chart.threshold.lower);
  see(chart.threshold.upper);
  if (lo > hi) {
    lo = 0;
    hi = 1;
  }
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 0.1;
  const yMin = lo - pad;
  const yMax = hi + pad;
  const thrLower = finite(chart.threshold.lower) ? chart.threshold.lower : yMin;
  const thrUpper = finite(chart.threshold.upper) ? chart.threshold.upper : yMax;
  const hasThreshold = finite(chart.threshold.lower) || finite(chart.threshold.upper);

  const refLine = values.map((v, i) => (isRef(i) || (i > 0 && isRef(i - 1) && !isRef(i)) ? v : null));
  const curLine = values.map((v, i) => (isRef(i) ? null : v));
  const data: (number | null)[][] = [
    x,
    hasThreshold ? x.map(() => thrUpper) : x.map(() => null),
    hasThreshold ? x.map(() => thrLower) : x.map(() => null),
    (main?.upper ?? []).slice(0, k).map((v) => (finite(v) ? v : null)),
    (main?.lower ?? []).slice(0, k).map((v) => (finite(v) ? v : null)),
    refLine,
    curLine,
    ...chart.lines.slice(1).map((l) => l.values.map((v) => (finite(v) ? v : null))),
  ];
  const fmt = (_u: uPlot, v: number | null) => (v === null ? '–' : formatNumber(v));
  const hidden = { stroke: 'transparent', width: 0, points: { show: false }, value: fmt };
  const options: Omit<uPlot.Options, 'width' | 'height'> = {
    legend: { show: false },
    cursor: { points: { size: 7 }, drag: { x: false, y: false } },
    scales: { x: { time: false, range: [-0.5, k - 0.5] }, y: { range: [yMin, yMax] } },
    axes: [
      {
        ...axisStyle,
        space: 48,
        incrs: [1, 2, 3, 4, 5, 10, 20, 50, 100],
        values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? (chart.chunks[i] ?? '') : '')),
      },
      { ...axisStyle, size: 56, values: (_u, splits) => splits.map((v) => formatNumber(v)) },
    ],
    series: [
      { label: 'chunk' },
      {
        label: 'upper threshold',
        stroke: hasThreshold && finite(chart.threshold.upper) ? '#2f9e44' : 'transparent',
        width: 1,
        dash: [5, 4],
        points: { show: false },
        value: fmt,
      },
      {
        label: 'lower threshold',
        stroke: hasThreshold && finite(chart.threshold.lower) ? '#2f9e44' : 'transparent',
        width: 1,
        dash: [5, 4],
        points: { show: false },
        value: fmt,
      },
      { label: 'upper', ...hidden },
      { label: 'lower', ...hidden },
      {
        label: `${main?.name ?? 'value'} (reference)`,
        stroke: '#adb5bd',
        width: 1.5,
        points: { show: true, size: 4, stroke: '#adb5bd', fill: '#fff' },
        value: fmt,
      },
      { label: main?.name ?? 'value', stroke: '#3b5bdb', width: 2, points: { show: true, size: 5, fill: '#3b5bdb' }, value: fmt },
      ...chart.lines
        .slice(1)
        .map((l) => ({ label: l.name, stroke: '#e8590c', width: 1.5, dash: [4, 3], points: { show: true, size: 4 }, value: fmt })),
    ],
    bands: [
      ...(hasThreshold ? [{ series: [1, 2] as [number, number], fill: 'rgba(47, 158, 68, 0.09)' }] : []),
      { series: [3, 4] as [number, number], fill: 'rgba(59, 91, 219, 0.16)' },
    ],
    hooks: {
      drawClear: [
        (u) => {
          // Reference chunks: one shaded rectangle per run of them.
          const ctx = u.ctx;
          ctx.save();
          ctx.fillStyle = 'rgba(134, 142, 150, 0.10)';
          for (let i = 0; i < k; i++) {
            if (!isRef(i)) continue;
            let j = i;
            while (j + 1 < k && isRef(j + 1)) j++;
            const left = u.valToPos(i - 0.5, 'x', true);
            const right = u.valToPos(j + 0.5, 'x', true);
            ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
            i = j;
          }
          ctx.restore();
        },
      ],
      draw: [
        (u) => {
          const alerts = main?.alerts ?? [];
          const ctx = u.ctx;
          ctx.save();
          // The label of the reference chunks, drawn over the bands.
          const firstRef = chart.referencePeriod.indexOf(true);
          if (firstRef >= 0) {
            ctx.fillStyle = 'rgba(91, 100, 112, 0.9)';
            ctx.font = `${Math.round(10 * devicePixelRatio)}px system-ui, sans-serif`;
            ctx.fillText(
              'reference',
              u.valToPos(firstRef - 0.5, 'x', true) + 6 * devicePixelRatio,
              u.bbox.top + u.bbox.height - 6 * devicePixelRatio,
            );
          }
          ctx.fillStyle = '#e03131';
          const r = 5 * devicePixelRatio;
          alerts.forEach((alert, i) => {
            const v = values[i];
            if (!alert || !finite(v)) return;
            const cx = u.valToPos(i, 'x', true);
            const cy = u.valToPos(v, 'y', true);
            ctx.beginPath();
            ctx.moveTo(cx, cy - r);
            ctx.lineTo(cx + r, cy);
            ctx.lineTo(cx, cy + r);
            ctx.lineTo(cx - r, cy);
            ctx.closePath();
            ctx.fill();
          });
          ctx.restore();
        },
      ],
    },
  };
  return { options, data: data as uPlot.AlignedData };
}
