import { ServerStartError } from '../../core/start-error.js';
import { CONFIG_FLAG_OPTIONS, type RunSettings } from '../../core/config/index.js';
import { UsageError, type CliIO, type Command, type ParsedArgs } from '../command.js';
import { startLiveServer } from '../live-server.js';
import { loadRunSettings } from '../load-config.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the MCP server over HTTP (/mcp, /tools, /metrics, /health)',
  help: `Usage: mcp-toolkit serve [--host H] [--port P] [--dashboard [--dashboard-port P]]

Runs the MCP server over Streamable HTTP until SIGINT or SIGTERM.
Prints "mcp-toolkit listening on http://HOST:PORT" once it accepts connections.
Changes to the settings file apply to the running server within a second
(a new host or port restarts it, and the line is printed again); settings
given by a flag or an MCP_* variable stay as given.

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
    if (values.dashboard !== true && values['dashboard-port'] !== undefined) throw new UsageError('--dashboard-port needs --dashboard');
    const settings = await loadRunSettings(io, values);
    const log = (line: string): void => void io.stderr.write(`${line}\n`);
    if (values.dashboard === true) return serveWithDashboard(settings, values, io, log);
    let server;
    try {
      server = await startLiveServer(settings, { announce: (url) => void io.stdout.write(`mcp-toolkit listening on ${url}\n`), log });
    } catch (error) {
      return startFailed(error, io);
    }
    const outcome = await Promise.race([aborted(io.signal).then(() => 0), server.failed.then(() => 1)]);
    log('[serve] shutting down: finishing in-flight requests');
    await server.close();
    log('[serve] stopped');
    return outcome;
  },
};

/** The server under the app controller, plus the browser dashboard (see `src/web`). */
async function serveWithDashboard(settings: RunSettings, values: ParsedArgs['values'], io: CliIO, log: (line: string) => void): Promise<number> {
  // The dashboard (its HTTP host, the UI controller, the page's assets) loads only when asked for.
  const { DashboardError, parseDashboardPort, startServeWithDashboard } = await import('../../web/index.js');
  let session;
  try {
    session = await startServeWithDashboard({
      env: io.env,
      settings,
      dashboardPort: parseDashboardPort(values['dashboard-port']),
      print: (line) => void io.stdout.write(`${line}\n`),
      log,
    });
  } catch (error) {
    if (error instanceof DashboardError && error.code === 'DASHBOARD_PORT_INVALID') throw new UsageError(error.message);
    if (error instanceof DashboardError) return startFailedWith(error, io);
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
  if (error instanceof ServerStartError) return startFailedWith(error, io);
  throw error;
}

function startFailedWith(error: Error, io: CliIO): number {
  io.stderr.write(`mcp-toolkit serve: ${error.message}\n`);
  return 1;
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
