import type { z } from 'zod';
import type { sageMakerCompatOptions } from '../options/sageMakerCompatOptions.js';
import type { MetricMapper } from './MetricMapper.js';
import { type NativeMappingSettings, nativeMapper } from './nativeMapper.js';
import { sageMakerModelMonitorMapper } from './sageMakerModelMonitorMapper.js';

/** The mapping part of the sink and alarm options. */
export interface MappingSettings extends NativeMappingSettings {
  readonly compat: 'none' | 'sagemaker-model-monitor';
  readonly sagemaker?: z.output<typeof sageMakerCompatOptions>;
}

/** The mapper selected by `compat`; the sink and the alarm manager both build theirs here. */
export function createMetricMapper(settings: MappingSettings): MetricMapper {
  const native = nativeMapper(settings);
  if (settings.compat === 'none') return native;
  const sagemaker = settings.sagemaker!;
  return sageMakerModelMonitorMapper(sagemaker, sagemaker.unmapped === 'native' ? native : undefined);
}
