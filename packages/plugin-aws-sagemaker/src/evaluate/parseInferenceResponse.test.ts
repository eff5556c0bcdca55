import { scorePredictions } from '@driftwatch/retraining';
import { describe, expect, it } from 'vitest';
import { assemblePredictions } from './assemblePredictions.js';
import { batchLines } from './batchLines.js';
import { parseInferenceResponse, responseFormat } from './parseInferenceResponse.js';

describe('parseInferenceResponse', () => {
  it('reads CSV lines as a label, K probabilities, or a label then K probabilities', () => {
    expect(parseInferenceResponse('b\n"a,1"\r\n\n', 'csv')).toEqual([{ label: 'b' }, { label: 'a,1' }]);
    expect(parseInferenceResponse('0.2,0.3,0.5\nc,0.1,0.1,0.8\n', 'csv', 3)).toEqual([
      { probabilities: [0.2, 0.3, 0.5] },
      { label: 'c', probabilities: [0.1, 0.1, 0.8] },
    ]);
    expect(() => parseInferenceResponse('0.2,0.8', 'csv')).toThrow(
      'line 1: 2 fields; a CSV answer line is a label, K class probabilities or a label and them (set the evaluator’s classes to read probabilities)',
    );
    expect(() => parseInferenceResponse('0.2,x,0.5', 'csv', 3)).toThrow('line 1: probability 2 is "x", not a number');
  });

  it('reads JSON Lines and JSON answers of the shapes SageMaker containers give', () => {
    expect(
      parseInferenceResponse(
        '{"predicted_label":"b","probabilities":[0.4,0.6],"labels":["a","b"]}\n[0.9,0.1]\n"a"\n{"predicted_label":1,"score":0.8}\n',
        'jsonlines',
      ),
    ).toEqual([
      { label: 'b', probabilities: [0.4, 0.6], classes: ['a', 'b'] },
      { probabilities: [0.9, 0.1] },
      { label: 'a' },
      { label: '1', score: 0.8 },
    ]);
    expect(
      parseInferenceResponse(
        '{"predictions":[{"predicted_label":2,"score":[0.1,0.2,0.7]},{"predicted_label":0,"score":[0.5,0.3,0.2]}]}',
        'json',
      ),
    ).toEqual([
      { label: '2', probabilities: [0.1, 0.2, 0.7] },
      { label: '0', probabilities: [0.5, 0.3, 0.2] },
    ]);
    expect(parseInferenceResponse('[[0.2,0.8],[0.6,0.4]]', 'json')).toEqual([{ probabilities: [0.2, 0.8] }, { probabilities: [0.6, 0.4] }]);
    expect(() => parseInferenceResponse('{"answer":1}', 'jsonlines')).toThrow(
      /line 1: no predicted_label, label, prediction, probabilities or score/,
    );
    expect(() => parseInferenceResponse('{"probabilities":[0.5,0.5],"labels":["a"]}', 'jsonlines')).toThrow(
      'line 1: 2 probabilities for 1 classes',
    );
    expect(() => parseInferenceResponse('nope', 'json')).toThrow(/the answer is not JSON/);
  });

  it('reads one number per row as a binary score when told so (XGBoost binary:logistic)', () => {
    expect(parseInferenceResponse('0.83\n0.1\n', 'csv', 2, 'score')).toEqual([{ score: 0.83 }, { score: 0.1 }]);
    expect(parseInferenceResponse('0.5\n"0.25"\n', 'jsonlines', undefined, 'score')).toEqual([{ score: 0.5 }, { score: 0.25 }]);
    expect(parseInferenceResponse('0.83\n', 'csv')).toEqual([{ label: '0.83' }]);
    expect(() => parseInferenceResponse('yes\n', 'csv', 2, 'score')).toThrow('line 1: "yes" is not a score');
  });

  it('maps content types, parameters ignored', () => {
    expect(['text/csv; charset=utf-8', 'application/x-jsonlines', 'application/json', 'text/plain', undefined].map(responseFormat)).toEqual(
      ['csv', 'jsonlines', 'json', undefined, undefined],
    );
  });
});

describe('assemblePredictions', () => {
  it('takes the argmax class when no label is given, the first on ties, and keeps the columns as the model named them', () => {
    const p = assemblePredictions([{ probabilities: [0.2, 0.5, 0.3] }, { probabilities: [0.4, 0.2, 0.4] }], ['gold', 'silver', 'bronze']);
    expect(p).toEqual({
      rows: 2,
      labels: ['silver', 'gold'],
      classes: ['gold', 'silver', 'bronze'],
      probabilities: Float64Array.from([0.2, 0.5, 0.3, 0.4, 0.2, 0.4]),
    });
  });

  it('gives values for numeric labels and scores for binary scores', () => {
    expect(
      assemblePredictions([
        { label: '1', score: 0.7 },
        { label: '0', score: 0.1 },
      ]),
    ).toEqual({
      rows: 2,
      labels: ['1', '0'],
      values: Float64Array.from([1, 0]),
      scores: Float64Array.from([0.7, 0.1]),
    });
  });

  it('turns binary scores into both classes’ probabilities when the classes are named, and the gate scores them alike', () => {
    const rows = [0.83, 0.1, 0.5, 0.7].map((score) => ({ score }));
    const p = assemblePredictions(rows, ['no', 'yes']);
    expect(p).toEqual({
      rows: 4,
      labels: ['yes', 'no', 'no', 'yes'],
      classes: ['no', 'yes'],
      probabilities: Float64Array.from([1 - 0.83, 0.83, 0.9, 0.1, 0.5, 0.5, 1 - 0.7, 0.7]),
    });
    const truth = {
      version: 'v',
      task: 'classification' as const,
      labels: ['yes', 'no', 'yes', 'no'],
      metrics: ['roc_auc', 'log_loss', 'accuracy'],
    };
    expect(scorePredictions({ ...truth, predictions: p })).toEqual(
      scorePredictions({ ...truth, predictions: { ...assemblePredictions(rows), labels: p.labels } }),
    );
    expect(assemblePredictions(rows).scores).toEqual(Float64Array.from([0.83, 0.1, 0.5, 0.7]));
  });

  it('refuses answers that disagree', () => {
    expect(() => assemblePredictions([{ probabilities: [0.5, 0.5] }])).toThrow(/no class names: set the evaluator’s classes/);
    expect(() => assemblePredictions([{ probabilities: [0.5, 0.5] }, { label: 'a' }], ['a', 'b'])).toThrow(
      'row 2 has no probabilities, other rows do',
    );
    expect(() => assemblePredictions([{ probabilities: [0.5, 0.5, 0] }], ['a', 'b'])).toThrow(
      'row 1 has 3 probabilities for 2 classes (a, b)',
    );
    expect(() => assemblePredictions([{ probabilities: [0.5, 0.5], classes: ['b', 'a'] }], ['a', 'b'])).toThrow(
      'row 1 names its classes b, a, not a, b',
    );
  });
});

describe('batchLines', () => {
  it('cuts requests at the byte and row limits, in order', () => {
    const lines = ['aaaa\n', 'bb\n', 'cccccc\n', 'd\n', 'e\n'];
    expect(batchLines(lines, 10, 100, 'h.csv').map((b) => [b.from, b.to, b.body])).toEqual([
      [0, 2, 'aaaa\nbb\n'],
      [2, 4, 'cccccc\nd\n'],
      [4, 5, 'e\n'],
    ]);
    expect(batchLines(lines, 100, 2, 'h.csv').map((b) => [b.from, b.to])).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ]);
    expect(batchLines(['é\n'], 3, 1, 'h.csv')).toEqual([{ from: 0, to: 1, body: 'é\n' }]);
    expect(() => batchLines(['é\n'], 2, 1, 'h.csv')).toThrow(
      'h.csv: row 1 is 3 bytes as CSV, more than the 2 bytes one InvokeEndpoint request may carry',
    );
  });
});
