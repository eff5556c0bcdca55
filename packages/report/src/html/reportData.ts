import { decodeNonFinite, InputError, toJsonText } from '@driftwatch/core';
import type { ReportModel } from '../model/ReportModel.js';

/** Version of the JSON held in the report's `driftwatch-data` block; bumped on breaking changes. */
export const reportDataSchemaVersion = 1 as const;

/** The JSON in a report's `<script type="application/json" id="driftwatch-data">` block. */
export interface ReportData {
  readonly schemaVersion: typeof reportDataSchemaVersion;
  readonly report: ReportModel;
}

/** Scalar fields that may hold ±Infinity or NaN, written as strings (JSON has no such numbers). */
const nonFiniteKeys = new Set(['statistic', 'pValue', 'threshold', 'value', 'reference', 'lower', 'upper']);

/**
 * The model as JSON text that is safe inside a `<script>` element: `<`, `>`, `&` and the JS line
 * separators are written as `\u` escapes, so no `</script>` or `<!--` can end the block early, and
 * `JSON.parse` of the element's text gives the data back. Non-finite numbers become the strings
 * `"Infinity"`, `"-Infinity"`, `"NaN"`; {@link parseReportData} turns them back in the scalar fields
 * that may hold them, while in arrays (chart values) they are gaps and become `null`.
 */
export function serializeReportData(model: ReportModel): string {
  const data: ReportData = { schemaVersion: reportDataSchemaVersion, report: model };
  const json = toJsonText(data, { nullGapsInArrays: true });
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Parses the text of a `driftwatch-data` block back into a model.
 *
 * @throws InputError (`INPUT_BAD_JSON`) when the text is not JSON or not of a known schema version.
 */
export function parseReportData(text: string): ReportModel {
  let data: unknown;
  try {
    data = JSON.parse(text, (key, v) => (nonFiniteKeys.has(key) ? decodeNonFinite(v) : v));
  } catch (cause) {
    throw new InputError('INPUT_BAD_JSON', `driftwatch-data block: not valid JSON (${(cause as Error).message})`, { cause });
  }
  const d = data as Partial<ReportData> | null;
  if (d === null || typeof d !== 'object' || d.schemaVersion !== reportDataSchemaVersion || typeof d.report !== 'object') {
    throw new InputError(
      'INPUT_BAD_JSON',
      `driftwatch-data block: expected {"schemaVersion": ${reportDataSchemaVersion}, "report": {...}}, got schemaVersion ${JSON.stringify(d?.schemaVersion)}`,
    );
  }
  return d.report as ReportModel;
}

/**
 * Finds the `driftwatch-data` block in a rendered report and parses it.
 *
 * @throws InputError (`INPUT_BAD_JSON`) when the page has no such block or it does not parse.
 */
export function extractReportData(html: string): ReportModel {
  const m = /<script type="application\/json" id="driftwatch-data">([\s\S]*?)<\/script>/.exec(html);
  if (m === null) throw new InputError('INPUT_BAD_JSON', 'report HTML has no <script type="application/json" id="driftwatch-data"> block');
  return parseReportData(m[1]);
}
