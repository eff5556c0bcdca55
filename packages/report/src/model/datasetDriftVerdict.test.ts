import { describe, expect, it } from 'vitest';
import { datasetDriftVerdict } from './datasetDriftVerdict.js';

describe('datasetDriftVerdict', () => {
  it('words a drifted dataset as an alert with the share and its threshold', () => {
    expect(datasetDriftVerdict({ drifted: true, driftedColumns: 4, testedColumns: 12, share: 4 / 12, datasetShare: 0.3 })).toEqual({
      status: 'alert',
      headline: 'Drift detected in 4 of 12 columns (share 0.3333 ≥ 0.3)',
    });
  });

  it('words a dataset without drift as ok, with correction and skipped columns as detail', () => {
    expect(
      datasetDriftVerdict({
        drifted: false,
        driftedColumns: 1,
        testedColumns: 1,
        share: 1,
        datasetShare: 1.5,
        correction: 'bonferroni',
        skippedColumns: 2,
      }),
    ).toEqual({
      status: 'ok',
      headline: 'No dataset drift: 1 of 1 column drifted (share 1 < 1.5)',
      detail: 'p-value thresholds with bonferroni correction; 2 columns skipped',
    });
    expect(
      datasetDriftVerdict({ drifted: false, driftedColumns: 0, testedColumns: 5, share: 0, datasetShare: 0.5, correction: 'none' }).detail,
    ).toBeUndefined();
  });

  it('warns when no column could be tested', () => {
    expect(
      datasetDriftVerdict({ drifted: false, driftedColumns: 0, testedColumns: 0, share: 0, datasetShare: 0.5, skippedColumns: 1 }),
    ).toEqual({
      status: 'warning',
      headline: 'No column could be tested',
      detail: '1 column skipped',
    });
  });
});
