import { positiveLabelDefaults } from '@driftwatch/metrics';

/** Whether `text` reads as a finite number (`1`, `1.0`, ` 2e3 `). */
function isNumberText(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}

/**
 * Canonical class names: when every text is a number, each becomes `String(Number(text))`, so a
 * model printing `1.0` and a holdout holding `1` name the same class; otherwise the texts as they are.
 */
export function canonicalLabels(texts: readonly (readonly string[])[]): (text: string) => string {
  const numeric = texts.every((list) => list.every(isNumberText));
  return numeric ? (t) => String(Number(t)) : (t) => t;
}

/**
 * Index of the positive class among two sorted classes: the one named `positive` when given; else the
 * metrics' default names (`1`, `true`, `yes` in their usual spellings), and failing those the larger
 * of the two (index 1, scikit-learn's `pos_label=1` convention on `np.unique` order). Undefined when
 * `positive` is given but is not a class.
 */
export function positiveIndex(classes: readonly string[], positive: string | undefined): number | undefined {
  if (positive !== undefined) {
    const i = classes.indexOf(positive);
    return i < 0 ? undefined : i;
  }
  const found = classes.findIndex((c) => positiveLabelDefaults.includes(c));
  return found >= 0 ? found : 1;
}
