import { z } from 'zod';

const count = z.number().int().nonnegative();
const finite = z.number();
const enabled = z.enum(['Enabled', 'Disabled']);

/** `inferred_type` of a feature: Model Monitor's four types. */
export const modelMonitorInferredTypeSchema = z.enum(['Integral', 'Fractional', 'String', 'Unknown']);

/** One of Model Monitor's inferred types. */
export type ModelMonitorInferredType = z.output<typeof modelMonitorInferredTypeSchema>;

/** `common` of a feature's statistics: present and missing counts. */
const commonStatisticsSchema = z.looseObject({ num_present: count, num_missing: count });

/** A KLL bucket: values in [`lower_bound`, `upper_bound`] (the last bucket closed, the others half-open), `count` of them. */
const kllBucketSchema = z.looseObject({ lower_bound: finite, upper_bound: finite, count: z.number().nonnegative() });

/**
 * The KLL sketch: `parameters.c`, `parameters.k`, and `data`, the retained items by level
 * (`data[h]` are items of weight 2^h; AWS's schema shows the nesting but not the weights,
 * which follow the KLL paper and Apache DataSketches).
 */
const kllSketchSchema = z.looseObject({
  parameters: z.looseObject({ c: z.number().positive(), k: z.number().int().positive() }),
  data: z.array(z.array(finite)),
});

/** `numerical_statistics` of an `Integral` or `Fractional` feature. */
const numericalStatisticsSchema = z.looseObject({
  common: commonStatisticsSchema,
  mean: finite,
  sum: finite,
  std_dev: finite,
  min: finite,
  max: finite,
  distribution: z.looseObject({ kll: z.looseObject({ buckets: z.array(kllBucketSchema), sketch: kllSketchSchema.optional() }) }).optional(),
});

/** `string_statistics` of a `String` feature. */
const stringStatisticsSchema = z.looseObject({
  common: commonStatisticsSchema,
  distinct_count: z.number().nonnegative(),
  distribution: z
    .looseObject({
      categorical: z.looseObject({ buckets: z.array(z.looseObject({ value: z.string(), count: z.number().nonnegative() })) }),
    })
    .optional(),
});

/** One feature of `statistics.json`. Unknown keys (a container's custom statistics) are kept. */
const statisticsFeatureSchema = z.looseObject({
  name: z.string().min(1),
  inferred_type: modelMonitorInferredTypeSchema,
  numerical_statistics: numericalStatisticsSchema.optional(),
  string_statistics: stringStatisticsSchema.optional(),
});

/** `statistics.json` ("Schema for Statistics" of Model Monitor's bring-your-own-container docs). */
export const modelMonitorStatisticsSchema = z.looseObject({
  version: z.number(),
  dataset: z.looseObject({ item_count: count }),
  features: z.array(statisticsFeatureSchema),
});

/** A parsed `statistics.json`. */
export type ModelMonitorStatistics = z.output<typeof modelMonitorStatisticsSchema>;
/** One feature of a parsed `statistics.json`. */
export type ModelMonitorFeatureStatistics = ModelMonitorStatistics['features'][number];

/** `distribution_constraints` of `monitoring_config`. */
const distributionConstraintsSchema = z.looseObject({
  perform_comparison: enabled.optional(),
  comparison_threshold: z.number().nonnegative().optional(),
  comparison_method: z.enum(['Simple', 'Robust']).optional(),
  categorical_comparison_threshold: z.number().nonnegative().optional(),
  categorical_drift_method: z.enum(['LInfinity', 'ChiSquared']).optional(),
});

/** `monitoring_config` (and, per feature, `monitoringConfigOverrides`, read with the same fields). */
const monitoringConfigSchema = z.looseObject({
  evaluate_constraints: enabled.optional(),
  emit_metrics: enabled.optional(),
  datatype_check_threshold: z.number().min(0).max(1).optional(),
  domain_content_threshold: z.number().min(0).max(1).optional(),
  distribution_constraints: distributionConstraintsSchema.optional(),
});

/** One feature of `constraints.json`. */
const constraintsFeatureSchema = z.looseObject({
  name: z.string().min(1),
  inferred_type: modelMonitorInferredTypeSchema,
  completeness: z.number().min(0).max(1).optional(),
  num_constraints: z.looseObject({ is_non_negative: z.boolean() }).optional(),
  string_constraints: z.looseObject({ domains: z.array(z.string()) }).optional(),
  monitoringConfigOverrides: monitoringConfigSchema.optional(),
});

/** `constraints.json` ("Schema for Constraints"). */
export const modelMonitorConstraintsSchema = z.looseObject({
  version: z.number(),
  features: z.array(constraintsFeatureSchema),
  monitoring_config: monitoringConfigSchema.optional(),
});

/** A parsed `constraints.json`. */
export type ModelMonitorConstraints = z.output<typeof modelMonitorConstraintsSchema>;
/** One feature of a parsed `constraints.json`. */
export type ModelMonitorFeatureConstraints = ModelMonitorConstraints['features'][number];
/** `monitoring_config` of a parsed `constraints.json`. */
export type ModelMonitorMonitoringConfig = NonNullable<ModelMonitorConstraints['monitoring_config']>;

/** Model Monitor's six violation check types ("Schema for Violations"). */
export const modelMonitorCheckTypes = [
  'data_type_check',
  'completeness_check',
  'baseline_drift_check',
  'missing_column_check',
  'extra_column_check',
  'categorical_values_check',
] as const;

/** `constraint_violations.json`. */
export const modelMonitorViolationsSchema = z.looseObject({
  violations: z.array(
    z.looseObject({ feature_name: z.string(), constraint_check_type: z.enum(modelMonitorCheckTypes), description: z.string() }),
  ),
});

/** A parsed `constraint_violations.json`. */
export type ModelMonitorViolations = z.output<typeof modelMonitorViolationsSchema>;
/** One violation. */
export type ModelMonitorViolation = ModelMonitorViolations['violations'][number];
