import type { CategoricalColumn, ColumnDrift, DriftReport, Frame } from '@driftwatch/core';
import { falseAlarmRate } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../html/renderHtml.js';
import { datasetDriftVerdict } from './datasetDriftVerdict.js';
import { driftReportModel, driftRows } from './driftReportModel.js';

const side = (rows: number, missing = 0) => ({ rows, missing, invalid: 0, infinite: 0 });
const column = (over: Partial<ColumnDrift>): ColumnDrift => ({
  column: 'x',
  kind: 'numeric',
  method: 'ks',
  measure: 'p_value',
  rule: 'p<=t',
  statistic: 0.1,
  pValue: 0.5,
  threshold: 0.05,
  drifted: false,
  reference: side(650),
  current: side(700, 50),
  ...over,
});
const report = (columns: ColumnDrift[], defaults: 'calibrated' | 'evidently' = 'calibrated'): DriftReport => ({
  schemaVersion: 1,
  generatedAt: '2026-12-06T00:00:00.000Z',
  reference: { source: 'ref.csv', rows: 650 },
  current: { source: 'cur.csv', rows: 700 },
  dataset: { drifted: false, driftedColumns: 0, testedColumns: columns.length, share: 0, datasetShare: 0.5, correction: 'none', defaults },
  columns,
});
const categorical = (name: string, labels: string[]): CategoricalColumn => ({
  kind: 'categorical',
  name,
  codes: Int32Array.from(labels, (l) => 'abcdefghij'.indexOf(l)),
  dictionary: [...'abcdefghij'],
  invalid: 0,
});

describe('driftRows: the false-alarm rate of each column’s method at its sizes', () => {
  it('takes the calibration table’s figure for the values tested on each side', () => {
    const [row] = driftRows(report([column({})]));
    const expected = falseAlarmRate('ks', { kind: 'numeric', reference: 650, current: 650 });
    expect(expected).toBeDefined();
    expect(row.falseAlarms).toEqual({
      low: expected?.low,
      high: expected?.high,
      threshold: 0.05,
      reference: expected?.reference,
      current: expected?.current,
      scenarios: expected?.scenarios,
    });
  });

  it('matches a categorical column to the scenario with the nearest number of categories, given the frames', () => {
    const c = column({ column: 'city', kind: 'categorical', method: 'chisquare', rule: 'p<t', reference: side(600), current: side(600) });
    const labels = Array.from({ length: 600 }, (_, i) => 'abcd'[i % 4]);
    const frames = {
      reference: { source: 'r', rowCount: 600, columns: [categorical('city', labels)] } satisfies Frame,
      current: { source: 'c', rowCount: 600, columns: [categorical('city', labels)] } satisfies Frame,
    };
    const [row] = driftRows(report([c]), frames);
    expect(row.falseAlarms?.scenarios).toEqual(['categories-4']);
    // Evidently's goodness-of-fit test, equal sizes: far above its threshold.
    expect(row.falseAlarms?.low).toBeGreaterThan(0.15);
  });

  it('gives none to skipped columns, text columns and unknown methods', () => {
    const rows = driftRows(
      report([
        column({ skipped: 'constant column', statistic: null, pValue: null }),
        column({ kind: 'text', method: 'none' }),
        column({ method: 'my_plugin_method' }),
      ]),
    );
    expect(rows.map((r) => r.falseAlarms)).toEqual([undefined, undefined, undefined]);
  });

  it('shows the rate in the HTML drift table, with its sizes in the tooltip and the threshold when it differs', () => {
    const html = renderHtml(driftReportModel(report([column({}), column({ column: 'y', threshold: 0.01 })])));
    const e = falseAlarmRate('ks', { kind: 'numeric', reference: 650, current: 650 });
    const pct = (x: number) => `${(100 * x).toFixed(1)}`;
    expect(html).toContain('False alarms</th>');
    expect(html).toContain(`title="measured at ${e?.reference}/${e?.current} rows, threshold 0.05`);
    expect(html).toContain(`${pct(e?.low ?? 0)}`);
    expect(html).toMatch(/% at 0\.05<\/td>/);
    expect(html).toContain('A test at threshold 0.05 should flag about 5%');
  });

  it('says in the verdict when Evidently’s defaults chose the methods', () => {
    expect(driftReportModel(report([column({})], 'evidently')).verdict?.detail).toBe("Evidently's default methods (--defaults evidently)");
    expect(driftReportModel(report([column({})])).verdict?.detail).toBeUndefined();
    expect(
      datasetDriftVerdict({ drifted: false, driftedColumns: 0, testedColumns: 1, share: 0, datasetShare: 0.5 }).detail,
    ).toBeUndefined();
  });
});
