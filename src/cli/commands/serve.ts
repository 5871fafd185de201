import { startServer } from '../../core/server/index.js';
import { ServerStartError } from '../../core/start-error.js';
import { CONFIG_FLAG_OPTIONS } from '../../core/config/index.js';
import { DashboardError, parseDashboardPort, startServeWithDashboard } from '../../web/index.js';
import { UsageError, type CliIO, type Command, type ParsedArgs } from '../command.js';
import { loadConfig } from '../load-config.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the MCP server over HTTP (/mcp, /tools, /metrics, /health)',
  help: `Usage: mcp-toolkit serve [--host H] [--port P] [--dashboard [--dashboard-port P]]

Runs the MCP server over Streamable HTTP until SIGINT or SIGTERM.
Prints "mcp-toolkit listening on http://HOST:PORT" once it accepts connections.

Options:
  --host H   address to bind (MCP_HOST, default 127.0.0.1)
  --port P   port to bind, 0 for any free port (MCP_PORT, default 8000)
  --dashboard
             also serve the desktop app's UI in a browser, on 127.0.0.1 only;
             prints "mcp-toolkit dashboard on http://127.0.0.1:PORT/#token=..."
             (open that link: the token changes every run). Start, stop and
             settings changes apply to the running server; changes are saved
             to the settings file like the desktop app's.
  --dashboard-port P
             dashboard port on 127.0.0.1, 0 for any free port (default 8001)
  -h, --help show this help

Every setting has a flag that overrides its environment variable, e.g.
  --auth MODE, --rate-limit-rps N, --rate-limit-burst N, --shared-folders DIRS,
  --allowed-hosts LIST, --allowed-origins LIST, --oauth-issuer URL, --oauth-audience A.

Auth (MCP_AUTH): none, api_key (X-API-Key; MCP_API_KEY or the OS keychain), oauth.
Rate limit: MCP_RATE_LIMIT_RPS (0 = off), MCP_RATE_LIMIT_BURST.`,
  options: { ...CONFIG_FLAG_OPTIONS, dashboard: { type: 'boolean' }, 'dashboard-port': { type: 'string' } },
  async run({ values }, io) {
    const config = await loadConfig(io, values);
    const log = (line: string): void => void io.stderr.write(`${line}\n`);
    if (values.dashboard === true) return serveWithDashboard(values, io, log);
    if (values['dashboard-port'] !== undefined) throw new UsageError('--dashboard-port needs --dashboard');
    let server;
    try {
      server = await startServer({ config, log });
    } catch (error) {
      return startFailed(error, io);
    }
    io.stdout.write(`mcp-toolkit listening on ${server.url}\n`);
    log(`[serve] auth mode: ${config.auth}; rate limit: ${config.rateLimit.rps > 0 ? `${config.rateLimit.rps} rps, burst ${config.rateLimit.burst}` : 'off'}`);
    await aborted(io.signal);
    log('[serve] shutting down: finishing in-flight requests');
    await server.close();
    log('[serve] stopped');
    return 0;
  },
};

/** The server under the app controller, plus the browser dashboard (see `src/web`). */
async function serveWithDashboard(values: ParsedArgs['values'], io: CliIO, log: (line: string) => void): Promise<number> {
  let session;
  try {
    session = await startServeWithDashboard({
      env: io.env,
      flags: values,
      dashboardPort: parseDashboardPort(values['dashboard-port']),
      print: (line) => void io.stdout.write(`${line}\n`),
      log,
    });
  } catch (error) {
    return startFailed(error, io);
  }
  await aborted(io.signal);
  log('[serve] shutting down: closing the dashboard, finishing in-flight requests');
  await session.close();
  log('[serve] stopped');
  return 0;
}

function startFailed(error: unknown, io: CliIO): number {
  if (error instanceof ServerStartError && error.code === 'CONFIG_INVALID') throw new UsageError(error.message);
  if (error instanceof DashboardError && error.code === 'DASHBOARD_PORT_INVALID') throw new UsageError(error.message);
  if (error instanceof ServerStartError || error instanceof DashboardError) {
    io.stderr.write(`mcp-toolkit serve: ${error.message}\n`);
    return 1;
  }
  throw error;
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
