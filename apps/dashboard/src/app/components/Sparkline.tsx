/** A small SVG line of values in [0, 1] (drift shares), the last point emphasised; 'empty' without data. */
export function Sparkline({ values, width = 140, height = 36 }: { values: readonly number[]; width?: number; height?: number }) {
  if (values.length === 0) return <span class="spark-empty">no runs yet</span>;
  const pad = 3;
  const max = Math.max(1, ...values);
  const x = (i: number) => pad + (values.length === 1 ? (width - 2 * pad) / 2 : (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) => height - pad - (v / max) * (height - 2 * pad);
  const line = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join('');
  const area = `${line}L${x(values.length - 1).toFixed(1)},${height - pad}L${x(0).toFixed(1)},${height - pad}Z`;
  const last = values[values.length - 1] as number;
  return (
    <svg
      class="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label="drift share of recent runs"
    >
      <path class="spark-area" d={area} />
      <path class="spark-line" d={line} />
      <circle class={last > 0 ? 'spark-last spark-last-drift' : 'spark-last'} cx={x(values.length - 1)} cy={y(last)} r="2.5" />
    </svg>
  );
}
