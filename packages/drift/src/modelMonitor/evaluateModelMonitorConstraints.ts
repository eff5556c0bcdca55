import type { Column, Frame } from '@driftwatch/core';
import { categoryCounts, modelMonitorDefaultConfig, modelMonitorValueType, presentCount } from './modelMonitorBaseline.js';
import {
  categoricalChiSquared,
  categoricalLInfinity,
  type LInfinityDistance,
  numericLInfinity,
  type WeightedValues,
  weightedValuesOfBuckets,
  weightedValuesOfSample,
  weightedValuesOfSketch,
} from './modelMonitorDistances.js';
import type {
  ModelMonitorConstraints,
  ModelMonitorFeatureConstraints,
  ModelMonitorFeatureStatistics,
  ModelMonitorInferredType,
  ModelMonitorMonitoringConfig,
  ModelMonitorStatistics,
  ModelMonitorViolation,
} from './modelMonitorSchemas.js';

/** The figures of one baseline feature in the current data, and its baseline drift distance. */
export interface ModelMonitorFeatureResult {
  readonly name: string;
  readonly expectedType: ModelMonitorInferredType;
  /** Share of rows with a value, in [0, 1] (Model Monitor's `feature_non_null_<feature>`). */
  readonly completeness: number;
  /** Share of present values of the expected type; NaN without values. */
  readonly typeMatch: number;
  /** Numeric features: count, sum, min, max of the present numbers (`feature_data_<feature>`). */
  readonly data?: { readonly sampleCount: number; readonly sum: number; readonly min: number; readonly max: number };
  /** The baseline drift distance (`feature_baseline_drift_<feature>`); a p-value with `ChiSquared`; absent when not compared. */
  readonly distance?: number;
  /** How `distance` was measured: `numerical_linf_simple`, `numerical_linf_robust`, `categorical_linf_*` or `categorical_chisquared_pvalue`. */
  readonly distanceMethod?: string;
}

/** A current dataset checked against a Model Monitor baseline. */
export interface ModelMonitorEvaluation {
  /** `constraint_violations.json`'s list, in feature order. */
  readonly violations: readonly ModelMonitorViolation[];
  /** One entry per baseline feature found in the current data. */
  readonly features: readonly ModelMonitorFeatureResult[];
  /** `monitoring_config.emit_metrics`: whether Model Monitor would publish these figures. */
  readonly emitMetrics: boolean;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Global `monitoring_config` with a feature's `monitoringConfigOverrides` on top, over Model Monitor's defaults. */
function effectiveConfig(global: ModelMonitorMonitoringConfig | undefined, feature: ModelMonitorFeatureConstraints | undefined) {
  const over = feature?.monitoringConfigOverrides;
  return {
    ...modelMonitorDefaultConfig,
    ...global,
    ...over,
    distribution_constraints: {
      ...modelMonitorDefaultConfig.distribution_constraints,
      ...global?.distribution_constraints,
      ...over?.distribution_constraints,
    },
  };
}

/** Typed counts of a column's present values: how many read as Integral, Fractional and String. */
function typeCounts(column: Column): { Integral: number; Fractional: number; String: number } {
  const out = { Integral: 0, Fractional: 0, String: 0 };
  if (column.kind === 'numeric') {
    for (let i = 0; i < column.values.length; i++) {
      const x = column.values[i];
      if (Number.isNaN(x)) continue;
      if (Number.isInteger(x)) out.Integral++;
      else out.Fractional++;
    }
    out.String += column.invalid;
  } else {
    for (const [value, count] of categoryCounts(column)) {
      const type = column.kind === 'boolean' ? 'String' : modelMonitorValueType(value);
      if (type !== 'Unknown') out[type] += count;
    }
  }
  return out;
}

/** Present numbers of a column: a numeric column's values, or a categorical column's values that read as numbers. */
function numbersOf(column: Column): Float64Array {
  if (column.kind === 'numeric') return column.values;
  const out: number[] = [];
  for (const [value, count] of categoryCounts(column)) {
    if (modelMonitorValueType(value) === 'String') continue;
    for (let i = 0; i < count; i++) out.push(Number(value));
  }
  return Float64Array.from(out);
}

function baselineNumbers(stats: ModelMonitorFeatureStatistics | undefined): { values: WeightedValues; at?: Float64Array } | undefined {
  const kll = stats?.numerical_statistics?.distribution?.kll;
  if (!kll) return undefined;
  if (kll.sketch?.data.some((level) => level.length > 0)) return { values: weightedValuesOfSketch(kll.sketch.data) };
  if (kll.buckets.length === 0) return undefined;
  return { values: weightedValuesOfBuckets(kll.buckets), at: Float64Array.from(kll.buckets, (b) => b.upper_bound) };
}

/**
 * Checks a current dataset against a Model Monitor baseline (`statistics.json` and
 * `constraints.json`) with the prebuilt container's six checks. Where AWS's documentation
 * is vague Driftwatch reads it as follows (README, "Moving from SageMaker Model Monitor"):
 * `datatype_check_threshold` and `domain_content_threshold` are the share of present values
 * that must have the baseline's type or lie in its domain (1.0, the baseline job's value,
 * means all); completeness fails below the baseline's; an Integral value matches a
 * Fractional feature; baseline drift is Deequ's L-infinity distance on the KLL CDFs (at the
 * bucket upper bounds for a baseline without a sketch)
 * (`Simple`) or its small-sample corrected form (`Robust`, the default), a `ChiSquared`
 * categorical drift fails when its p-value is below the threshold; `is_non_negative` has no
 * check type in Model Monitor's list and is not evaluated.
 */
export function evaluateModelMonitorConstraints(input: {
  readonly statistics: ModelMonitorStatistics;
  readonly constraints: ModelMonitorConstraints;
  readonly current: Frame;
  /** Every column of the current data when `current` holds only some of them (a run reads only the baseline's); default: its columns. */
  readonly currentColumnNames?: readonly string[];
}): ModelMonitorEvaluation {
  const { statistics, constraints, current } = input;
  const currentNames = input.currentColumnNames ?? current.columns.map((c) => c.name);
  const global = effectiveConfig(constraints.monitoring_config, undefined);
  const evaluate = global.evaluate_constraints !== 'Disabled';
  const statsByName = new Map(statistics.features.map((f) => [f.name, f]));
  const currentByName = new Map(current.columns.map((c) => [c.name, c]));
  const baselineNames = new Set(constraints.features.map((f) => f.name));
  const violations: ModelMonitorViolation[] = [];
  const features: ModelMonitorFeatureResult[] = [];
  const rows = current.rowCount;
  const countDescription = `Number of columns in current dataset: ${currentNames.length}, Number of columns in baseline constraints: ${baselineNames.size}`;

  for (const feature of constraints.features) {
    const column = currentByName.get(feature.name);
    if (!column && !currentNames.includes(feature.name)) {
      violations.push({
        feature_name: feature.name,
        constraint_check_type: 'missing_column_check',
        description: `There are missing columns in current dataset. ${countDescription}`,
      });
      continue;
    }
    // A column present but not read (no step needed it) has nothing more to check.
    if (!column) continue;
    const config = effectiveConfig(constraints.monitoring_config, feature);
    const present = presentCount(column);
    const completeness = rows > 0 ? present / rows : Number.NaN;
    const types = typeCounts(column);
    const expected = feature.inferred_type;
    const matching =
      expected === 'Integral'
        ? types.Integral
        : expected === 'Fractional'
          ? types.Integral + types.Fractional
          : types.Integral + types.Fractional + types.String;
    const typeMatch = present > 0 ? matching / present : Number.NaN;
    const check = evaluate && config.evaluate_constraints !== 'Disabled';

    if (check && expected !== 'Unknown' && present > 0 && typeMatch < config.datatype_check_threshold) {
      violations.push({
        feature_name: feature.name,
        constraint_check_type: 'data_type_check',
        description: `Data type match requirement is not met. Expected data type: ${expected}, Expected match: ${pct(config.datatype_check_threshold)}. Observed: Only ${pct(typeMatch)} of data is ${expected}.`,
      });
    }
    if (check && feature.completeness !== undefined && completeness < feature.completeness) {
      violations.push({
        feature_name: feature.name,
        constraint_check_type: 'completeness_check',
        description: `Data completeness requirement is not met. Expected completeness: ${pct(feature.completeness)}. Observed: Only ${pct(completeness)} of data is complete.`,
      });
    }
    const domains = feature.string_constraints?.domains;
    if (check && domains && present > 0) {
      const domain = new Set(domains);
      let inDomain = 0;
      for (const [value, count] of categoryCounts(column)) if (domain.has(value)) inDomain += count;
      if (column.kind === 'numeric') {
        for (let i = 0; i < column.values.length; i++) {
          if (!Number.isNaN(column.values[i]) && domain.has(String(column.values[i]))) inDomain++;
        }
      }
      const share = inDomain / present;
      if (share < config.domain_content_threshold) {
        violations.push({
          feature_name: feature.name,
          constraint_check_type: 'categorical_values_check',
          description: `Data does not meet the categorical values requirement. Expected: ${pct(config.domain_content_threshold)} of values in the baseline domain. Observed: Only ${pct(share)} of values are in the baseline domain.`,
        });
      }
    }

    let distance: number | undefined;
    let distanceMethod: string | undefined;
    let threshold = Number.NaN;
    let pValue = false;
    const dist = config.distribution_constraints;
    const stats = statsByName.get(feature.name);
    if (dist.perform_comparison !== 'Disabled') {
      const base = expected === 'Integral' || expected === 'Fractional' ? baselineNumbers(stats) : undefined;
      if (base) {
        const d = numericLInfinity(base.values, weightedValuesOfSample(numbersOf(column)), base.at);
        [distance, distanceMethod] = pick(d, dist.comparison_method, 'numerical');
        threshold = dist.comparison_threshold;
      } else if (expected === 'String' && stats?.string_statistics?.distribution) {
        const baseCounts = new Map(stats.string_statistics.distribution.categorical.buckets.map((b) => [b.value, b.count]));
        const cur = categoryCounts(column);
        if (dist.categorical_drift_method === 'ChiSquared') {
          distance = categoricalChiSquared(cur, baseCounts).pValue;
          distanceMethod = 'categorical_chisquared_pvalue';
          pValue = true;
        } else {
          [distance, distanceMethod] = pick(categoricalLInfinity(baseCounts, cur), dist.comparison_method, 'categorical');
        }
        threshold = dist.categorical_comparison_threshold;
      }
    }
    if (check && distance !== undefined && !Number.isNaN(distance) && (pValue ? distance < threshold : distance > threshold)) {
      violations.push({
        feature_name: feature.name,
        constraint_check_type: 'baseline_drift_check',
        description: pValue
          ? `Baseline drift p-value: ${distance} is below threshold: ${threshold}`
          : `Baseline drift distance: ${distance} exceeds threshold: ${threshold}`,
      });
    }
    features.push({
      name: feature.name,
      expectedType: expected,
      completeness,
      typeMatch,
      data: numericData(column),
      ...(distance === undefined ? {} : { distance, distanceMethod }),
    });
  }
  for (const name of currentNames) {
    if (baselineNames.has(name)) continue;
    if (evaluate) {
      violations.push({
        feature_name: name,
        constraint_check_type: 'extra_column_check',
        description: `There are extra columns in current dataset. ${countDescription}`,
      });
    }
  }
  if (!evaluate) violations.length = 0;
  return { violations, features, emitMetrics: global.emit_metrics !== 'Disabled' };
}

function pick(d: LInfinityDistance, method: string, side: 'numerical' | 'categorical'): [number, string] {
  return method === 'Simple' ? [d.simple, `${side}_linf_simple`] : [d.robust, `${side}_linf_robust`];
}

function numericData(column: Column): ModelMonitorFeatureResult['data'] {
  if (column.kind !== 'numeric') return undefined;
  let n = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < column.values.length; i++) {
    const x = column.values[i];
    if (Number.isNaN(x)) continue;
    n++;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return n === 0 ? undefined : { sampleCount: n, sum, min, max };
}
