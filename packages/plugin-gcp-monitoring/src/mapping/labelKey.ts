import { gcpLimits } from './gcpLimits.js';

/**
 * The Cloud Monitoring label key for a Driftwatch dimension name. Label keys
 * may use only lower-case letters, digits and `_`, must start with a letter and
 * hold at most 100 characters, so `featureName` becomes `featurename`,
 * `chunk.index` becomes `chunk_index` and `2nd` becomes `d_2nd`.
 * Distinct dimensions can map to one key; {@link labelsFor} rejects such points.
 */
export function labelKey(dimension: string): string {
  let key = dimension.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (!/^[a-z]/.test(key)) key = `d_${key}`;
  return key.slice(0, gcpLimits.labelKeyLength);
}
