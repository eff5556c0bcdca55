import type { ClassificationInput } from './ClassificationInput.js';
import { checkClassificationInput } from './checkClassificationInput.js';
import { countCodes, encodePairs } from './prepareLabelMetric.js';

/**
 * Confusion matrix over all `classes` (sklearn's `confusion_matrix(..., labels=classes)`):
 * K × K counts, row-major, row = true class, column = predicted class. `rows` selects row indices.
 */
export function confusionMatrix(input: ClassificationInput, rows?: Int32Array): Float64Array {
  checkClassificationInput(input, 'labels', rows);
  const k = input.classes.length;
  const counts = new Float64Array(k * k);
  countCodes(encodePairs(input, rows), null, counts);
  return counts;
}
