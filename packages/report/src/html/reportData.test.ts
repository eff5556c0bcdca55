import { InputError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../model/ReportModel.js';
import { extractReportData, parseReportData, reportDataSchemaVersion, serializeReportData } from './reportData.js';

describe('serializeReportData / parseReportData', () => {
  it('writes no character that could end or comment out the script element', () => {
    const model: ReportModel = { title: '</script><!-- & \u2028 \u2029 -->', subtitle: '</SCRIPT >' };
    const text = serializeReportData(model);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain('\\u003c/script\\u003e');
    expect(parseReportData(text)).toEqual(model);
  });

  it('keeps non-finite scalars as strings the way the CLI JSON does and revives them', () => {
    const model: ReportModel = {
      title: 't',
      drift: [
        {
          column: 'NaN',
          kind: 'categorical',
          method: 'chisquare',
          measure: 'p_value',
          statistic: Number.POSITIVE_INFINITY,
          pValue: Number.NaN,
          threshold: 0.05,
          drifted: true,
        },
      ],
      metrics: [
        { title: 'm', rows: [{ name: 'Infinity', value: Number.NEGATIVE_INFINITY, ci: { lower: Number.NEGATIVE_INFINITY, upper: 1 } }] },
      ],
      distributions: [
        {
          column: 'c',
          summary: {
            kind: 'categorical',
            categories: ['NaN', 'Infinity'],
            otherCategories: 0,
            reference: { rows: 2, counts: [1, 1], other: 0, missing: 0 },
            current: { rows: 2, counts: [1, 1], other: 0, missing: 0 },
          },
        },
      ],
    };
    const text = serializeReportData(model);
    expect(text).toContain('"statistic":"Infinity"');
    expect(text).toContain('"pValue":"NaN"');
    const back = parseReportData(text);
    expect(back).toEqual(model);
    // Text that happens to read "NaN" stays text.
    expect(back.drift?.[0].column).toBe('NaN');
    expect(back.metrics?.[0].rows[0].name).toBe('Infinity');
  });

  it('writes non-finite chart values as gaps (null)', () => {
    const model: ReportModel = {
      title: 't',
      timeSeries: [{ title: 's', chunks: ['a', 'b', 'c'], series: [{ name: 'v', values: [1, Number.NaN, Number.POSITIVE_INFINITY] }] }],
    };
    expect(parseReportData(serializeReportData(model)).timeSeries?.[0].series[0].values).toEqual([1, null, null]);
  });

  it('names the problem when the text is not a report data block', () => {
    expect(() => parseReportData('{')).toThrow(InputError);
    expect(() => parseReportData('{')).toThrow(/driftwatch-data block: not valid JSON/);
    expect(() => parseReportData('{"schemaVersion":99,"report":{}}')).toThrow(
      /expected \{"schemaVersion": 1, "report": \{...\}\}, got schemaVersion 99/,
    );
    expect(() => parseReportData('null')).toThrow(/got schemaVersion undefined/);
    expect(() => extractReportData('<html><body>no data</body></html>')).toThrow(
      /has no <script type="application\/json" id="driftwatch-data"> block/,
    );
    expect(reportDataSchemaVersion).toBe(1);
  });
});
