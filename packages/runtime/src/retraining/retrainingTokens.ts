import type { ServiceIdentifier } from 'inversify';
import type { RetrainingBundle, RetrainingService, RetrainingServiceOptions } from './RetrainingService.js';

export const retrainingBundlesToken = Symbol.for('driftwatch.runtime.RetrainingBundles') as ServiceIdentifier<
  ReadonlyMap<string, RetrainingBundle>
>;
export const retrainingOptionsToken = Symbol.for('driftwatch.runtime.RetrainingOptions') as ServiceIdentifier<RetrainingServiceOptions>;
export const retrainingServiceToken = Symbol.for('driftwatch.runtime.RetrainingService') as ServiceIdentifier<RetrainingService>;
