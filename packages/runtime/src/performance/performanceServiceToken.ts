import type { ServiceIdentifier } from 'inversify';
import type { PerformanceService } from './PerformanceService.js';

export const performanceServiceToken = Symbol.for('driftwatch.runtime.PerformanceService') as ServiceIdentifier<PerformanceService>;
