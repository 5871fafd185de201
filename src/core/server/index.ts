export { startServer, mcpServerFactory, type RunningServer, type StartServerOptions } from './start-server.js';
export { ServerStartError, type StartErrorCode } from '../start-error.js';
export { runStdioServer } from './stdio.js';
export { needsRebind, type ReconfigureOptions } from './live-parts.js';
