import type { Bounds } from '@driftwatch/core';

/** Whether one chunk's value alerts, and on which side. */
export interface ChunkAlert {
  readonly alert: boolean;
  /** `below` the lower bound, `above` the upper bound; null without an alert. */
  readonly side: 'below' | 'above' | null;
}

/**
 * Which chunks alert: a value strictly below `lower` or strictly above `upper`. An undefined value
 * (null, or a NaN that slipped through) never alerts, as in NannyML.
 */
export function findAlerts(bounds: Bounds, values: readonly (number | null)[]): ChunkAlert[] {
  return values.map((v) => {
    if (v === null || Number.isNaN(v)) return { alert: false, side: null };
    if (bounds.lower !== null && v < bounds.lower) return { alert: true, side: 'below' };
    if (bounds.upper !== null && v > bounds.upper) return { alert: true, side: 'above' };
    return { alert: false, side: null };
  });
}
