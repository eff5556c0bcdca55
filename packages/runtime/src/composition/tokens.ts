import type { DataSource } from '@driftwatch/core';
import type { ServiceIdentifier } from 'inversify';
import type { CheckService } from '../check/CheckService.js';
import type { ProviderRegistry } from '../plugins/ProviderRegistry.js';

/** Opens a data source from its config: `{ type, ...options }` (type defaults from the file extension). */
export type DataSourceFactory = (
  spec: { readonly type?: string; readonly path: string; readonly [option: string]: unknown },
  configPath: string,
) => Promise<DataSource>;

export const providerRegistryToken = Symbol.for('driftwatch.runtime.ProviderRegistry') as ServiceIdentifier<ProviderRegistry>;
export const dataSourceFactoryToken = Symbol.for('driftwatch.runtime.DataSourceFactory') as ServiceIdentifier<DataSourceFactory>;
export const checkServiceToken = Symbol.for('driftwatch.runtime.CheckService') as ServiceIdentifier<CheckService>;
