/** Resolved alert bounds: a value strictly below `lower` or strictly above `upper` alerts; null = no bound. */
export interface Bounds {
  readonly lower: number | null;
  readonly upper: number | null;
}
