/**
 * Texts read as a missing value, in every column kind: the empty field and
 * pandas' default `na_values` (pandas 2.x `read_csv`, `keep_default_na=True`).
 * Matching is exact and case-sensitive, as in pandas; quoting does not matter
 * (`""` and `"NA"` are missing too).
 */
export const missingMarkers: readonly string[] = Object.freeze([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
]);

const markerSet: ReadonlySet<string> = new Set(missingMarkers);

/** Whether `text` is one of {@link missingMarkers}. */
export function isMissingMarker(text: string): boolean {
  return markerSet.has(text);
}
