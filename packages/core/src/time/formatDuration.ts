import { msPerDurationUnit } from './parseDuration.js';

const largestFirst = ['w', 'd', 'h', 'm', 's'] as const;

/**
 * Milliseconds written back for a message, in the largest unit they reach with at most one
 * decimal: `90_000` is `1.5m`, `86_400_000` is `1d`, `604_800_000` is `1w`, `1500` is `1.5s`,
 * `250` is `250ms`. {@link parseDuration} reads every result back (to within the rounding).
 */
export function formatDuration(ms: number): string {
  for (const unit of largestFirst) {
    const size = msPerDurationUnit[unit] as number;
    if (Math.abs(ms) >= size) return `${Math.round((ms / size) * 10) / 10}${unit}`;
  }
  return `${Math.round(ms)}ms`;
}
