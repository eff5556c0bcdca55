import { describe, expect, it } from 'vitest';
import { sageMakerCaptureOptions } from './sageMakerCaptureOptions.js';

const issues = (options: Record<string, unknown>) => {
  const result = sageMakerCaptureOptions.safeParse({ uri: 's3://capture/dc/', ...options });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('sageMakerCaptureOptions', () => {
  it('takes a ground-truth prefix with or without a targetColumn', () => {
    const parsed = sageMakerCaptureOptions.parse({ uri: 's3://capture/dc/', groundTruthUri: 's3://labels/gt/', targetColumn: 'churned' });
    expect(parsed.groundTruthUri).toBe('s3://labels/gt/');
    expect(parsed.targetColumn).toBe('churned');
    expect(issues({ groundTruthUri: 's3://labels/gt/' })).toEqual([]);
  });

  it('rejects a targetColumn without groundTruthUri, a clashing one and a bad URI', () => {
    expect(issues({ targetColumn: 'churned' })).toEqual([
      'targetColumn: names the label column joined from groundTruthUri, which is not set; set groundTruthUri (the s3://… prefix of the ground-truth labels) or drop targetColumn',
    ]);
    expect(issues({ groundTruthUri: 's3://labels/gt/', inputColumns: ['age', 'label'] })).toEqual([
      'targetColumn: "label" is already a column of the captured rows; set targetColumn to another name',
    ]);
    expect(issues({ groundTruthUri: 's3://labels/gt/', targetColumn: 'event_id' })[0]).toMatch(/^targetColumn: "event_id" is already/);
    expect(issues({ groundTruthUri: 's3://labels/gt/', targetColumn: 'prediction' })[0]).toMatch(/^targetColumn: "prediction"/);
    expect(issues({ groundTruthUri: 'labels/gt' })[0]).toMatch(/^groundTruthUri: an S3 URI/);
    expect(issues({ groundTruthUri: 's3://labels/gt/', targetColumn: '' })[0]).toMatch(/^targetColumn:/);
  });

  it('takes a prediction from a probability and threshold, and rejects a clashing column or a threshold outside [0, 1]', () => {
    const parsed = sageMakerCaptureOptions.parse({
      uri: 's3://capture/dc/',
      outputColumns: ['score'],
      predictionFromProbability: { probability: 'score', threshold: 0.3 },
    });
    expect(parsed.predictionFromProbability).toEqual({ probability: 'score', threshold: 0.3, column: 'prediction' });
    expect(issues({ predictionFromProbability: { probability: 'prediction', threshold: 0.5 } })).toEqual([
      'predictionFromProbability.column: "prediction" is already a column of the captured rows; set predictionFromProbability.column to another name',
    ]);
    expect(issues({ predictionFromProbability: { probability: 'p', threshold: 1.5 } })[0]).toMatch(
      /^predictionFromProbability\.threshold: /,
    );
    expect(issues({ predictionFromProbability: { probability: 'p', threshold: 0.5, extra: 1 } })[0]).toMatch(
      /^predictionFromProbability: /,
    );
  });
});
