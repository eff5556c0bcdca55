export type { ServerOptions } from './buildServer.js';
export { buildServer, serverStore } from './buildServer.js';
export { createServerLogger } from './createServerLogger.js';
export { ServerMetrics } from './metrics/ServerMetrics.js';
export type { MonitorRunStatus, RunTrigger } from './runs/RunTrigger.js';
export type { ServeOptions, ServeResult } from './serve.js';
export { serve } from './serve.js';
