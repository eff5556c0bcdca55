import type { Column, Frame } from '@driftwatch/core';
import { KllSketch, modelMonitorKllParameters } from './KllSketch.js';
import type {
  ModelMonitorConstraints,
  ModelMonitorFeatureStatistics,
  ModelMonitorInferredType,
  ModelMonitorMonitoringConfig,
  ModelMonitorStatistics,
} from './modelMonitorSchemas.js';

/** Buckets of a numeric feature's `kll.buckets` (Model Monitor materialises 10, a fixed number). */
export const modelMonitorBucketCount = 10;

/** A String feature gets `string_constraints.domains` when it has at most this many distinct values. */
export const modelMonitorMaxDomainSize = 20;

/** The `monitoring_config` Model Monitor's baseline job writes, and the defaults of a file that leaves a field out. */
export const modelMonitorDefaultConfig = {
  evaluate_constraints: 'Enabled',
  emit_metrics: 'Enabled',
  datatype_check_threshold: 1.0,
  domain_content_threshold: 1.0,
  distribution_constraints: {
    perform_comparison: 'Enabled',
    comparison_threshold: 0.1,
    comparison_method: 'Robust',
    categorical_comparison_threshold: 0.1,
    categorical_drift_method: 'LInfinity',
  },
} as const satisfies ModelMonitorMonitoringConfig;

/** Both baseline files of a reference, and the columns they leave out. */
export interface ModelMonitorBaseline {
  readonly statistics: ModelMonitorStatistics;
  readonly constraints: ModelMonitorConstraints;
  /** Columns with no Model Monitor type (datetime, embedding), left out of both files. */
  readonly skipped: readonly string[];
}

/** The type Model Monitor infers for one text value: Integral, Fractional or String. */
export function modelMonitorValueType(text: string): ModelMonitorInferredType {
  const t = text.trim();
  if (/^[+-]?\d+$/.test(t)) return 'Integral';
  if (t !== '' && Number.isFinite(Number(t))) return 'Fractional';
  return 'String';
}

/**
 * Present and missing counts of a column as Model Monitor counts them: a value the reader
 * could not read as a number is present (as a String), not missing.
 */
export function presentCount(column: Column): number {
  switch (column.kind) {
    case 'numeric': {
      let n = 0;
      for (let i = 0; i < column.values.length; i++) if (!Number.isNaN(column.values[i])) n++;
      return n + column.invalid;
    }
    case 'categorical':
    case 'boolean': {
      let n = 0;
      for (let i = 0; i < column.codes.length; i++) if (column.codes[i] >= 0) n++;
      return n;
    }
    case 'text':
      return column.values.filter((v) => v !== null).length;
    default:
      return 0;
  }
}

/** Category counts of a categorical, boolean or text column, in first-seen order. */
export function categoryCounts(column: Column): Map<string, number> {
  const counts = new Map<string, number>();
  if (column.kind === 'categorical' || column.kind === 'boolean') {
    const byCode = new Float64Array(column.dictionary.length);
    for (let i = 0; i < column.codes.length; i++) if (column.codes[i] >= 0) byCode[column.codes[i]]++;
    column.dictionary.forEach((value, code) => {
      if (byCode[code] > 0) counts.set(value, byCode[code]);
    });
  } else if (column.kind === 'text') {
    for (const v of column.values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return counts;
}

/** `statistics.json` of a frame: every numeric, categorical, boolean and text column, as Model Monitor's job profiles a dataset. */
export function modelMonitorStatisticsOf(frame: Frame, options: { readonly seed?: number } = {}): ModelMonitorStatistics {
  const features: ModelMonitorFeatureStatistics[] = [];
  for (const column of frame.columns) {
    const feature = featureStatistics(column, frame.rowCount, options.seed ?? 1);
    if (feature) features.push(feature);
  }
  return { version: 0, dataset: { item_count: frame.rowCount }, features };
}

function featureStatistics(column: Column, rows: number, seed: number): ModelMonitorFeatureStatistics | undefined {
  const present = presentCount(column);
  const common = { num_present: present, num_missing: rows - present };
  if (column.kind === 'numeric') {
    const v = column.values;
    let n = 0;
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let integral = true;
    const sketch = new KllSketch({ seed });
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (Number.isNaN(x)) continue;
      n++;
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
      if (!Number.isInteger(x)) integral = false;
      sketch.update(x);
    }
    if (n === 0) return { name: column.name, inferred_type: column.invalid > 0 ? 'String' : 'Unknown' };
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i])) ss += (v[i] - mean) * (v[i] - mean);
    return {
      name: column.name,
      inferred_type: integral ? 'Integral' : 'Fractional',
      numerical_statistics: {
        common,
        mean,
        sum,
        // Deequ's StandardDeviation, which Model Monitor reports, is the population standard deviation.
        std_dev: Math.sqrt(ss / n),
        min,
        max,
        distribution: {
          kll: { buckets: equalWidthBuckets(v, min, max), sketch: { parameters: { ...modelMonitorKllParameters }, data: sketch.data() } },
        },
      },
    };
  }
  if (column.kind === 'categorical' || column.kind === 'boolean' || column.kind === 'text') {
    const counts = categoryCounts(column);
    return {
      name: column.name,
      inferred_type: present === 0 ? 'Unknown' : 'String',
      string_statistics: {
        common,
        distinct_count: counts.size,
        distribution: { categorical: { buckets: [...counts].map(([value, count]) => ({ value, count })) } },
      },
    };
  }
  return undefined;
}

function equalWidthBuckets(values: Float64Array, min: number, max: number): { lower_bound: number; upper_bound: number; count: number }[] {
  if (min === max) {
    let n = 0;
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
    return [{ lower_bound: min, upper_bound: max, count: n }];
  }
  const width = (max - min) / modelMonitorBucketCount;
  const counts = new Float64Array(modelMonitorBucketCount);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) continue;
    counts[Math.min(modelMonitorBucketCount - 1, Math.floor((x - min) / width))]++;
  }
  return Array.from(counts, (count, b) => ({
    lower_bound: min + b * width,
    upper_bound: b === modelMonitorBucketCount - 1 ? max : min + (b + 1) * width,
    count,
  }));
}

/**
 * `constraints.json` suggested from statistics, as Model Monitor's baseline job suggests it:
 * the inferred type, the observed completeness, `is_non_negative` when the minimum is ≥ 0,
 * the domain of a String feature with at most {@link modelMonitorMaxDomainSize} values, and
 * the job's default `monitoring_config`.
 */
export function modelMonitorConstraintsOf(statistics: ModelMonitorStatistics): ModelMonitorConstraints {
  const rows = statistics.dataset.item_count;
  return {
    version: 0,
    features: statistics.features.map((f) => {
      const common = f.numerical_statistics?.common ?? f.string_statistics?.common;
      const completeness = common && rows > 0 ? common.num_present / rows : 0;
      const feature: ModelMonitorConstraints['features'][number] = { name: f.name, inferred_type: f.inferred_type, completeness };
      if (f.numerical_statistics) feature.num_constraints = { is_non_negative: f.numerical_statistics.min >= 0 };
      const buckets = f.string_statistics?.distribution?.categorical.buckets;
      if (buckets && buckets.length > 0 && buckets.length <= modelMonitorMaxDomainSize) {
        feature.string_constraints = { domains: buckets.map((b) => b.value) };
      }
      return feature;
    }),
    monitoring_config: structuredClone(modelMonitorDefaultConfig) as ModelMonitorMonitoringConfig,
  };
}

/** Both Model Monitor baseline files of a reference frame. */
export function modelMonitorBaselineOf(frame: Frame, options: { readonly seed?: number } = {}): ModelMonitorBaseline {
  const statistics = modelMonitorStatisticsOf(frame, options);
  const kept = new Set(statistics.features.map((f) => f.name));
  return {
    statistics,
    constraints: modelMonitorConstraintsOf(statistics),
    skipped: frame.columns.filter((c) => !kept.has(c.name)).map((c) => c.name),
  };
}
