export { dashboardContentSecurityPolicy, formatContentSecurityPolicy } from './dashboardContentSecurityPolicy.js';
export type { DashboardPluginOptions } from './dashboardPlugin.js';
export { dashboardAssetsDir, dashboardPlugin } from './dashboardPlugin.js';
