import { describe, expect, it } from 'vitest';
import { decodeCaptureRecord } from './decodeCaptureRecord.js';

const record = (input: object | undefined, output: object | undefined) => ({
  captureData: { ...(input && { endpointInput: input }), ...(output && { endpointOutput: output }) },
  eventMetadata: { eventId: 'e-1', inferenceTime: '2025-01-01T10:00:00Z' },
  eventVersion: '0',
});
const csv = (data: string) => ({ observedContentType: 'text/csv', mode: 'INPUT', data, encoding: 'CSV' });
const json = (value: unknown) => ({
  observedContentType: 'application/json',
  mode: 'OUTPUT',
  data: JSON.stringify(value),
  encoding: 'JSON',
});
const base64 = (type: string, text: string) => ({
  observedContentType: type,
  mode: 'INPUT',
  data: Buffer.from(text).toString('base64'),
  encoding: 'BASE64',
});
const meta = { event_id: 'e-1', inference_time: '2025-01-01T10:00:00Z' };

describe('decodeCaptureRecord', () => {
  it('reads several CSV rows, numbers as numbers, with named and default columns', () => {
    const { rows } = decodeCaptureRecord(record(csv('1.5,a,"x,y"\n2,,b\n'), csv('0.9\n0.1')), { inputColumns: ['age', 'city'] });
    expect(rows).toEqual([
      { age: 1.5, city: 'a', f2: 'x,y', prediction: 0.9, ...meta },
      { age: 2, city: null, f2: 'b', prediction: 0.1, ...meta },
    ]);
  });

  it('reads JSON objects, instances, feature vectors and arrays of numbers', () => {
    expect(decodeCaptureRecord(record(json({ age: 3, city: 'b' }), json({ predictions: [{ score: 0.7, label: 1 }] }))).rows).toEqual([
      { age: 3, city: 'b', score: 0.7, label: 1, ...meta },
    ]);
    expect(decodeCaptureRecord(record(json({ instances: [[1, 2], { features: [3, 4] }] }), json([0.2, 0.8]))).rows).toEqual([
      { f0: 1, f1: 2, prediction: 0.2, ...meta },
      { f0: 3, f1: 4, prediction: 0.8, ...meta },
    ]);
    expect(decodeCaptureRecord(record(json([5, 6, 7]), json(1)), { outputColumns: ['y'] }).rows).toEqual([
      { f0: 5, f1: 6, f2: 7, y: 1, ...meta },
    ]);
    expect(
      decodeCaptureRecord(
        record(
          json([{ a: 1 }, { a: 2 }]),
          json([
            [0.1, 0.9],
            [0.6, 0.4],
          ]),
        ),
      ).rows,
    ).toEqual([
      { a: 1, prediction: 0.1, prediction_1: 0.9, ...meta },
      { a: 2, prediction: 0.6, prediction_1: 0.4, ...meta },
    ]);
  });

  it('decodes BASE64 payloads by their content type', () => {
    const { rows, inferenceTime } = decodeCaptureRecord(
      record(base64('text/csv', '4,5\n6,7'), base64('application/json', '{"predictions":[1,0]}')),
    );
    expect(rows).toEqual([
      { f0: 4, f1: 5, prediction: 1, ...meta },
      { f0: 6, f1: 7, prediction: 0, ...meta },
    ]);
    expect(inferenceTime).toBe('2025-01-01T10:00:00Z');
    expect(decodeCaptureRecord(record(base64('application/jsonlines', '{"a":1}\n{"a":2}'), undefined)).rows).toHaveLength(2);
  });

  it('says what is wrong with a record', () => {
    expect(() => decodeCaptureRecord({ foo: 1 })).toThrow('no captureData');
    expect(() => decodeCaptureRecord(record(csv('1\n2'), csv('1')))).toThrow('endpointInput has 2 rows but endpointOutput has 1');
    expect(() => decodeCaptureRecord(record(base64('image/png', 'x'), undefined))).toThrow('content type "image/png"');
    expect(() => decodeCaptureRecord(record({ ...json(1), data: '{' }, undefined))).toThrow('not valid JSON');
    expect(() => decodeCaptureRecord(record({ data: 'x', encoding: 'XML' }, undefined))).toThrow('unknown encoding "XML"');
  });
});
