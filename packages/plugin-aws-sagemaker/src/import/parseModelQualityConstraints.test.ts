import { InputError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { parseModelQualityConstraints } from './parseModelQualityConstraints.js';

const file = 's3://b/mq/constraints.json';

describe('parseModelQualityConstraints', () => {
  it("reads the problem type's section, every documented field", () => {
    const text = JSON.stringify({
      version: 0.0,
      binary_classification_constraints: {
        recall: { threshold: 0.57, comparison_operator: 'LessThanThreshold' },
        false_positive_rate: { threshold: 0.2, comparison_operator: 'GreaterThanThreshold' },
        auc: { threshold: 0.7, comparison_operator: 'LessThanOrEqualToThreshold' },
      },
    });
    expect(parseModelQualityConstraints(text, file, 'BinaryClassification')).toEqual({
      recall: { threshold: 0.57, comparison_operator: 'LessThanThreshold' },
      false_positive_rate: { threshold: 0.2, comparison_operator: 'GreaterThanThreshold' },
      auc: { threshold: 0.7, comparison_operator: 'LessThanOrEqualToThreshold' },
    });
  });

  it('names the file and the JSON path of a bad field, a missing section and bad JSON', () => {
    const bad = JSON.stringify({ regression_constraints: { mae: { threshold: 'x', comparison_operator: 'GreaterThanThreshold' } } });
    expect(() => parseModelQualityConstraints(bad, file, 'Regression')).toThrow(
      /^s3:\/\/b\/mq\/constraints\.json: \$\.regression_constraints\.mae\.threshold: /,
    );
    const op = JSON.stringify({ regression_constraints: { mae: { threshold: 1, comparison_operator: 'Above' } } });
    expect(() => parseModelQualityConstraints(op, file, 'Regression')).toThrow(/\$\.regression_constraints\.mae\.comparison_operator: /);
    const other = JSON.stringify({ regression_constraints: {} });
    expect(() => parseModelQualityConstraints(other, file, 'BinaryClassification')).toThrow(
      "s3://b/mq/constraints.json: $.binary_classification_constraints: missing: the job's problem type is BinaryClassification",
    );
    let error: unknown;
    try {
      parseModelQualityConstraints('{"version":', file, 'Regression');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^s3:\/\/b\/mq\/constraints\.json: not a Model Monitor model-quality constraints file/);
  });
});
