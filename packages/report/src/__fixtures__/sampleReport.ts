import { categoricalBars } from '../binned/categoricalBars.js';
import { numericHistogram } from '../binned/numericHistogram.js';
import { datasetDriftVerdict } from '../model/datasetDriftVerdict.js';
import type { ColumnDistribution, DriftRow, ReportModel, TimeSeriesChart } from '../model/ReportModel.js';

/** mulberry32: a small seeded generator, so the sample report is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(r: () => number, n: number, mean: number, sd: number, missing = 0): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = 1 - r();
    const v = r();
    out[i] = r() < missing ? Number.NaN : mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  return out;
}

function codes(r: () => number, n: number, weights: number[], missing = 0): Int32Array {
  const total = weights.reduce((s, w) => s + w, 0);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (r() < missing) {
      out[i] = -1;
      continue;
    }
    let u = r() * total;
    let k = 0;
    while (k < weights.length - 1 && u >= weights[k]) u -= weights[k++];
    out[i] = k;
  }
  return out;
}

/**
 * A representative drift + performance report: 12 columns (8 numeric with 30-bin histograms,
 * 4 categorical, one with more than 20 categories and awkward names), a drift table with a skipped
 * column, three time series over 50 chunks (threshold band, confidence band, alerts, a reference
 * period, estimated vs realised), a data-quality table and a metric table.
 */
export function sampleReport(rows = 5000): ReportModel {
  const r = rng(42);
  const distributions: ColumnDistribution[] = [];
  const drift: DriftRow[] = [];
  const numeric: [string, number, number, number, number][] = [
    ['age', 40, 12, 43, 12],
    ['income', 52000, 15000, 61000, 18000],
    ['credit_score', 680, 50, 680, 50],
    ['debt_ratio', 0.35, 0.1, 0.36, 0.1],
    ['tenure <months>', 30, 10, 22, 10],
    ['balance & fees', 1200, 400, 1210, 400],
    ['num_accounts', 3, 1, 3, 1],
    ['score_"raw"', 0.5, 0.15, 0.62, 0.15],
  ];
  for (const [name, m0, s0, m1, s1] of numeric) {
    const ref = normal(r, rows, m0, s0, 0.01);
    const cur = normal(r, rows, m1, s1, name === 'income' ? 0.08 : 0.01);
    if (name === 'debt_ratio') cur[0] = Number.POSITIVE_INFINITY;
    distributions.push({ column: name, summary: numericHistogram(ref, cur, 30) });
    const d = Math.abs(m1 - m0) / s0;
    drift.push({
      column: name,
      kind: 'numeric',
      method: 'ks',
      measure: 'p_value',
      statistic: Math.min(d / 3, 1),
      pValue: d > 0.2 ? 10 ** (-d * 20) : 0.2 + d,
      threshold: 0.05,
      rule: 'p<=t',
      drifted: d > 0.2,
    });
  }
  const cats: [string, string[], number[], number[]][] = [
    ['region', ['north', 'south', 'east', 'west'], [4, 3, 2, 1], [2, 3, 2, 3]],
    ['channel', ['web', 'branch', 'phone'], [5, 3, 2], [5, 3, 2]],
    ['is_active', ['true', 'false'], [7, 3], [7, 3]],
  ];
  for (const [name, dict, w0, w1] of cats) {
    distributions.push({
      column: name,
      summary: categoricalBars(codes(r, rows, w0, 0.02), dict, codes(r, rows, w1, 0.02), dict),
    });
    const moved = w0.some((w, i) => w !== w1[i]);
    drift.push({
      column: name,
      kind: name === 'is_active' ? 'boolean' : 'categorical',
      method: 'psi',
      measure: 'distance',
      statistic: moved ? 0.27 : 0.003,
      pValue: null,
      threshold: 0.1,
      rule: 'd>=t',
      drifted: moved,
    });
  }
  const merchants = Array.from({ length: 40 }, (_, i) => (i === 3 ? '<script>alert("x")</script> & co' : `merchant_${String(i).padStart(2, '0')}`));
  const mw0 = merchants.map((_, i) => 1 / (i + 1));
  const mw1 = merchants.map((_, i) => (i === 7 ? 0.6 : 1 / (i + 1)));
  distributions.push({ column: 'merchant', summary: categoricalBars(codes(r, rows, mw0), merchants, codes(r, rows, mw1), merchants, 20) });
  drift.push({
    column: 'merchant',
    kind: 'categorical',
    method: 'chisquare',
    measure: 'p_value',
    statistic: Number.POSITIVE_INFINITY,
    pValue: 0,
    threshold: 0.05,
    rule: 'p<=t',
    drifted: true,
  });
  drift.push({
    column: 'constant_flag',
    kind: 'numeric',
    method: 'ks',
    measure: 'p_value',
    statistic: null,
    pValue: null,
    threshold: 0.05,
    drifted: null,
    skipped: 'constant column in both samples',
  });

  const k = 50;
  const chunks = Array.from({ length: k }, (_, i) => {
    const d = new Date(Date.UTC(2026, 0, 5 + 7 * i));
    return d.toISOString().slice(0, 10);
  });
  const referencePeriod = chunks.map((_, i) => i < 20);
  const est = chunks.map((_, i) => 0.86 - (i > 34 ? (i - 34) * 0.006 : 0) + (r() - 0.5) * 0.015);
  const realised = est.map((v, i) => (i >= 46 ? null : v + (r() - 0.5) * 0.02));
  const timeSeries: TimeSeriesChart[] = [
    {
      title: 'ROC AUC per week',
      description: 'Estimated from prediction confidence (CBPE) and realised once labels arrived.',
      yLabel: 'ROC AUC',
      chunks,
      referencePeriod,
      threshold: { lower: 0.8, upper: 0.92 },
      series: [
        {
          name: 'estimated',
          values: est,
          lower: est.map((v) => v - 0.018),
          upper: est.map((v) => v + 0.018),
          alerts: est.map((v) => v < 0.8),
          style: 'dashed',
        },
        { name: 'realised', values: realised, style: 'solid' },
      ],
    },
    {
      title: 'Missing share of income',
      yLabel: 'share',
      chunks,
      referencePeriod,
      threshold: { upper: 0.05 },
      series: [{ name: 'missing', values: chunks.map((_, i) => (i > 40 ? 0.06 + r() * 0.03 : r() * 0.03)), alerts: chunks.map((_, i) => i > 40) }],
    },
    {
      title: 'Mean of score_"raw" <per chunk>',
      chunks,
      series: [{ name: 'mean', values: chunks.map((_, i) => (i === 12 ? Number.NaN : 0.5 + i * 0.002 + (r() - 0.5) * 0.01)) }],
    },
  ];
  const drifted = drift.filter((d) => d.drifted === true).length;
  const tested = drift.filter((d) => d.skipped === undefined).length;
  return {
    title: 'Drift report: credit-risk <prod> & "eu"',
    subtitle: 'Monitor credit-risk · model v12',
    generatedAt: '2026-11-27T12:00:00.000Z',
    sources: [
      { label: 'Reference', path: 'data/reference.csv', rows },
      { label: 'Current', path: 'data/current <2026-11>.csv', rows },
    ],
    verdict: datasetDriftVerdict({
      drifted: drifted / tested >= 0.3,
      driftedColumns: drifted,
      testedColumns: tested,
      share: drifted / tested,
      datasetShare: 0.3,
      correction: 'none',
      skippedColumns: drift.length - tested,
    }),
    drift,
    distributions,
    timeSeries,
    quality: [
      {
        title: 'Per chunk',
        columns: [{ label: 'rows', format: 'integer' }, { label: 'missing income', format: 'percent' }, { label: 'unseen categories', format: 'integer' }],
        rows: chunks.slice(-8).map((c, i) => ({ chunk: c, cells: [10000 + i * 37, i > 4 ? 0.071 : 0.012, i === 6 ? 3 : 0], alerts: [false, i > 4, i === 6] })),
      },
    ],
    metrics: [
      {
        title: 'Performance on the current data',
        rows: [
          { name: 'roc_auc', value: 0.812, ci: { lower: 0.798, upper: 0.826, level: 0.95 }, reference: 0.861, alert: false },
          { name: 'f1', value: 0.64, ci: { lower: 0.61, upper: 0.67, level: 0.95 }, reference: 0.71, alert: true },
          { name: 'precision', value: null, reason: 'no positive predictions in the current data', alert: false },
        ],
      },
    ],
  };
}
