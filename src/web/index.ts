export { startServeWithDashboard, CLIPBOARD_IN_BROWSER, type ServeWithDashboard, type ServeWithDashboardOptions } from './serve-with-dashboard.js';
export { startDashboardServer, DASHBOARD_HOST, type DashboardServer, type DashboardServerOptions } from './dashboard-server.js';
export { DEFAULT_DASHBOARD_PORT, parseDashboardPort } from './options.js';
export { DashboardError, type DashboardErrorCode } from './dashboard-error.js';
export { findDashboardAssetsDir, loadDashboardAssets, type DashboardAssets } from './static-assets.js';
