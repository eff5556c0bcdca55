export { freePort } from './freePort.js';
export type { BinaryAvailability } from './prometheusBinaries.js';
export { binaryAvailability, prometheusBinary, pushgatewayBinary, skipWithout } from './prometheusBinaries.js';
export type { RunningProgram } from './startProcess.js';
export { startProcess } from './startProcess.js';
export type { ScrapeTarget, StartPrometheusOptions } from './startPrometheus.js';
export { startPrometheus } from './startPrometheus.js';
export { startPushgateway } from './startPushgateway.js';
