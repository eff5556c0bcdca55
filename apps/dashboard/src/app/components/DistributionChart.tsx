import { formatNumber } from '../format.js';

/** One side of a binned column, as the run result's `distributions` section holds it (`@driftwatch/report`). */
interface BinnedSide {
  readonly rows: number;
  readonly counts: readonly number[];
  readonly missing: number;
  /** Categorical: rows of the categories beyond the top ones. */
  readonly other?: number;
}

/** A column's binned reference and current distributions (`ColumnDistribution` of `@driftwatch/report`). */
export interface RunDistribution {
  readonly column: string;
  readonly summary:
    | { readonly kind: 'numeric'; readonly edges: readonly number[]; readonly reference: BinnedSide; readonly current: BinnedSide }
    | {
        readonly kind: 'categorical';
        readonly categories: readonly string[];
        readonly reference: BinnedSide;
        readonly current: BinnedSide;
      };
}

const width = 360;
const height = 120;

/** Shares of the binned rows (the "other" categories as a last bar), so sides of different sizes compare. */
function shares(side: BinnedSide, withOther: boolean): number[] {
  const counts = withOther ? [...side.counts, side.other ?? 0] : [...side.counts];
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

/**
 * Reference and current distributions of one column as paired bars (share of each side's rows per
 * bin or category), drawn in SVG with classes only (the page's CSP allows no inline style).
 */
export function DistributionChart({ distribution }: { distribution: RunDistribution }) {
  const s = distribution.summary;
  const withOther = s.kind === 'categorical' && ((s.reference.other ?? 0) > 0 || (s.current.other ?? 0) > 0);
  const ref = shares(s.reference, withOther);
  const cur = shares(s.current, withOther);
  const labels =
    s.kind === 'numeric'
      ? ref.map((_, i) => `${formatNumber(s.edges[i] as number)} – ${formatNumber(s.edges[i + 1] as number)}`)
      : [...s.categories, ...(withOther ? ['other'] : [])];
  const top = Math.max(...ref, ...cur, Number.EPSILON);
  const slot = width / Math.max(ref.length, 1);
  const bar = (value: number) => (value / top) * height;
  return (
    <figure class="dist" data-column={distribution.column}>
      <figcaption>
        <b>{distribution.column}</b>{' '}
        <span class="muted small">{s.kind === 'numeric' ? `${ref.length} bins` : `${labels.length} categories`}</span>
      </figcaption>
      <svg
        class="dist-svg"
        viewBox={`0 0 ${width} ${height + 2}`}
        role="img"
        aria-label={`${distribution.column}: reference and current distributions`}
      >
        {ref.map((r, i) => {
          const c = cur[i] as number;
          const label = `${labels[i]}: reference ${(r * 100).toFixed(1)}%, current ${(c * 100).toFixed(1)}%`;
          return (
            <g key={labels[i]}>
              <title>{label}</title>
              <rect class="dist-ref" x={i * slot + 1} y={height - bar(r)} width={Math.max(slot / 2 - 1, 0.5)} height={bar(r)} />
              <rect class="dist-cur" x={i * slot + slot / 2} y={height - bar(c)} width={Math.max(slot / 2 - 1, 0.5)} height={bar(c)} />
            </g>
          );
        })}
        <line class="dist-axis" x1="0" x2={width} y1={height + 1} y2={height + 1} />
      </svg>
      <div class="dist-range muted small">
        {s.kind === 'numeric' ? (
          <>
            <span>{formatNumber(s.edges[0] as number)}</span>
            <span>{formatNumber(s.edges[s.edges.length - 1] as number)}</span>
          </>
        ) : (
          <span>
            {labels.slice(0, 4).join(' · ')}
            {labels.length > 4 ? ' …' : ''}
          </span>
        )}
      </div>
    </figure>
  );
}
