import { InputError } from '@driftwatch/core';
import { formatJsonPath } from '@driftwatch/drift';
import { z } from 'zod';

/** Model Monitor's problem types, as the model-quality job definition names them. */
export type ModelQualityProblemType = 'BinaryClassification' | 'MulticlassClassification' | 'Regression';

/** The constraints section of each problem type in a model-quality `constraints.json`. */
export const modelQualityConstraintSections: Readonly<Record<ModelQualityProblemType, string>> = {
  BinaryClassification: 'binary_classification_constraints',
  MulticlassClassification: 'multiclass_classification_constraints',
  Regression: 'regression_constraints',
};

const constraint = z
  .object({
    threshold: z.number(),
    comparison_operator: z.enum([
      'GreaterThanThreshold',
      'LessThanThreshold',
      'GreaterThanOrEqualToThreshold',
      'LessThanOrEqualToThreshold',
    ]),
  })
  .loose();

const section = z.record(z.string().min(1), constraint);

const schema = z
  .object({
    version: z.number().optional(),
    binary_classification_constraints: section.optional(),
    multiclass_classification_constraints: section.optional(),
    regression_constraints: section.optional(),
  })
  .loose();

/** One metric's constraint: a violation when the metric compares with `threshold` as `comparison_operator` says. */
export interface ModelQualityConstraint {
  readonly threshold: number;
  readonly comparison_operator:
    | 'GreaterThanThreshold'
    | 'LessThanThreshold'
    | 'GreaterThanOrEqualToThreshold'
    | 'LessThanOrEqualToThreshold';
}

/**
 * The constraints of one problem type from the text of a Model Monitor model-quality
 * `constraints.json` (`{ "version": 0.0, "binary_classification_constraints": { "f1": {
 * "threshold": 0.7, "comparison_operator": "LessThanThreshold" }, … } }`, as the model-quality
 * baselining job suggests them). Not JSON, a field off the schema, or no section for the
 * problem type is one `InputError` naming the file and the JSON path.
 */
export function parseModelQualityConstraints(
  text: string,
  file: string,
  problemType: ModelQualityProblemType,
): Readonly<Record<string, ModelQualityConstraint>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InputError('INPUT_BAD_JSON', `${file}: not a Model Monitor model-quality constraints file: ${(cause as Error).message}`, {
      cause,
      location: { file },
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues;
    const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})` : '';
    throw new InputError('INPUT_BAD_SCHEMA', `${file}: ${formatJsonPath(first!.path)}: ${first!.message}${more}`, {
      location: { file, field: formatJsonPath(first!.path) },
    });
  }
  const key = modelQualityConstraintSections[problemType];
  const found = (parsed.data as Record<string, unknown>)[key] as Record<string, ModelQualityConstraint> | undefined;
  if (found === undefined) {
    throw new InputError('INPUT_BAD_SCHEMA', `${file}: $.${key}: missing: the job's problem type is ${problemType}`, {
      location: { file, field: `$.${key}` },
    });
  }
  return found;
}
