import { describe, expect, it } from 'vitest';
import { decodeGroundTruthRecord } from './decodeGroundTruthRecord.js';

const record = (groundTruthData: object, eventId: unknown = 'e-1') => ({
  groundTruthData,
  eventMetadata: { eventId },
  eventVersion: '0',
});
const base64 = (text: string, observedContentType?: string) => ({
  data: Buffer.from(text).toString('base64'),
  encoding: 'BASE64',
  ...(observedContentType && { observedContentType }),
});

describe('decodeGroundTruthRecord', () => {
  it('reads CSV labels, one per line, numbers as numbers and empty as null', () => {
    expect(decodeGroundTruthRecord(record({ data: '1', encoding: 'CSV' }))).toEqual({ eventId: 'e-1', labels: [1] });
    expect(decodeGroundTruthRecord(record({ data: 'yes\n"no, really"\n\n0.5', encoding: 'CSV' })).labels).toEqual([
      'yes',
      'no, really',
      0.5,
    ]);
  });

  it('reads JSON scalars, arrays and objects by targetColumn or their single key', () => {
    expect(decodeGroundTruthRecord(record({ data: 'true', encoding: 'JSON' })).labels).toEqual([true]);
    expect(decodeGroundTruthRecord(record({ data: '[1,0,null]', encoding: 'JSON' })).labels).toEqual([1, 0, null]);
    expect(decodeGroundTruthRecord(record({ data: '{"churned":1,"note":"x"}', encoding: 'JSON' }), 'churned').labels).toEqual([1]);
    expect(decodeGroundTruthRecord(record({ data: '{"y":[0,1]}', encoding: 'JSON' })).labels).toEqual([0, 1]);
    expect(decodeGroundTruthRecord(record({ data: '[{"label":"a"},{"label":"b"}]', encoding: 'JSON' })).labels).toEqual(['a', 'b']);
    expect(decodeGroundTruthRecord(record({ data: '[[1,2]]', encoding: 'JSON' })).labels).toEqual(['[1,2]']);
  });

  it('decodes BASE64 by its content type, as CSV when it has none', () => {
    expect(decodeGroundTruthRecord(record(base64('1\n0'))).labels).toEqual([1, 0]);
    expect(decodeGroundTruthRecord(record(base64('{"label":"cat"}', 'application/json'))).labels).toEqual(['cat']);
    expect(decodeGroundTruthRecord(record(base64('{"label":2}\n{"label":3}', 'application/jsonlines'))).labels).toEqual([2, 3]);
  });

  it('says what is wrong with a record', () => {
    expect(() => decodeGroundTruthRecord({ captureData: {} })).toThrow('no groundTruthData object');
    expect(() => decodeGroundTruthRecord(record({ data: '1', encoding: 'CSV' }, 7))).toThrow('no eventMetadata.eventId');
    expect(() => decodeGroundTruthRecord(record({ data: '1,2', encoding: 'CSV' }))).toThrow('CSV line 1 has 2 fields');
    expect(() => decodeGroundTruthRecord(record({ data: '{"a":1,"b":2}', encoding: 'JSON' }))).toThrow('needs a "label" key');
    expect(() => decodeGroundTruthRecord(record({ data: '{', encoding: 'JSON' }))).toThrow('groundTruthData: data is not valid JSON');
    expect(() => decodeGroundTruthRecord(record({ data: '1', encoding: 'XML' }))).toThrow('unknown encoding "XML"');
    expect(() => decodeGroundTruthRecord(record({ data: '\n', encoding: 'CSV' }))).toThrow('holds no label');
    expect(() => decodeGroundTruthRecord(record({ data: '[]', encoding: 'JSON' }))).toThrow('holds no label');
  });
});
