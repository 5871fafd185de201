import { resolve } from 'node:path';
import type { StdioCommand } from '../shared/view-types.js';
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

export interface ProcessFacts {
  readonly execPath: string;
  readonly argv: readonly string[];
  readonly versions: Readonly<Record<string, string | undefined>>;
  /** Set by Electron when it runs an app folder (development) rather than a packaged app. */
  readonly defaultApp?: boolean;
}

/**
 * How an agent runs this same program as a stdio MCP server (the Claude
 * Desktop snippet): `node /path/bin/mcp-toolkit.js stdio` under Node, the app's
 * own executable with `stdio` when packaged with Electron.
 */
export function stdioCommandOf(proc: ProcessFacts = process): StdioCommand {
  if (proc.versions.electron !== undefined && proc.defaultApp !== true) return { command: proc.execPath, args: ['stdio'] };
  const script = proc.argv[1];
  return script ? { command: proc.execPath, args: [resolve(script), 'stdio'] } : { command: 'mcp-toolkit', args: ['stdio'] };
}
