import { DashboardError } from './dashboard-error.js';

/**
 * Default port of the dashboard: fixed (next to the MCP server's 8000) so an
 * SSH tunnel or a firewall rule can name it; `--dashboard-port 0` picks any
 * free port. The link changes every run anyway, because of its token.
 */
export const DEFAULT_DASHBOARD_PORT = 8001;

/** `--dashboard-port`: an integer from 0 to 65535; the default when absent. */
export function parseDashboardPort(value: string | boolean | undefined): number {
  if (value === undefined) return DEFAULT_DASHBOARD_PORT;
  const text = typeof value === 'string' ? value.trim() : '';
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) {
    throw new DashboardError('DASHBOARD_PORT_INVALID', `--dashboard-port "${String(value)}" is not valid: expected an integer from 0 to 65535`);
  }
  return port;
}


