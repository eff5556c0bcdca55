import type { ModelVersion } from '../ports/ModelRegistry.js';

/** A model's registry as `driftwatch models list` shows it. */
export interface ModelListing {
  readonly monitor: string;
  readonly model: string;
  readonly registry: string;
  readonly champion: string | null;
  readonly versions: readonly ModelVersion[];
}
