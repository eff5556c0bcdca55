export type { CheckRequest, CheckResult, SourceSpec } from './check/CheckService.js';
export { CheckService, mergeSchema } from './check/CheckService.js';
export { driftMetricPoints } from './check/driftMetricPoints.js';
export type { ContainerSpec, ProviderSpec } from './composition/createContainer.js';
export { createContainer, sourceTypeFor } from './composition/createContainer.js';
export type { DataSourceFactory } from './composition/tokens.js';
export { checkServiceToken, dataSourceFactoryToken, providerRegistryToken } from './composition/tokens.js';
export type { RegisteredProvider } from './plugins/ProviderRegistry.js';
export { ProviderRegistry } from './plugins/ProviderRegistry.js';
