import { startServer } from '../../core/server/index.js';
import { ServerStartError } from '../../core/server/start-error.js';
import { CONFIG_FLAG_OPTIONS } from '../../core/config/index.js';
import { UsageError, type Command } from '../command.js';
import { loadConfig } from '../load-config.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the MCP server over HTTP (/mcp, /tools, /metrics, /health)',
  help: `Usage: mcp-toolkit serve [--host H] [--port P]

Runs the MCP server over Streamable HTTP until SIGINT or SIGTERM.
Prints "mcp-toolkit listening on http://HOST:PORT" once it accepts connections.

Options:
  --host H   address to bind (MCP_HOST, default 127.0.0.1)
  --port P   port to bind, 0 for any free port (MCP_PORT, default 8000)
  -h, --help show this help

Every setting has a flag that overrides its environment variable, e.g.
  --auth MODE, --rate-limit-rps N, --rate-limit-burst N, --shared-folders DIRS,
  --allowed-hosts LIST, --allowed-origins LIST, --oauth-issuer URL, --oauth-audience A.

Auth (MCP_AUTH): none, api_key (X-API-Key; MCP_API_KEY or the OS keychain), oauth.
Rate limit: MCP_RATE_LIMIT_RPS (0 = off), MCP_RATE_LIMIT_BURST.`,
  options: { ...CONFIG_FLAG_OPTIONS },
  async run({ values }, io) {
    const config = await loadConfig(io, values);
    const log = (line: string): void => void io.stderr.write(`${line}\n`);
    let server;
    try {
      server = await startServer({ config, log });
    } catch (error) {
      if (error instanceof ServerStartError) {
        if (error.code === 'CONFIG_INVALID') throw new UsageError(error.message);
        io.stderr.write(`mcp-toolkit serve: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
    io.stdout.write(`mcp-toolkit listening on ${server.url}\n`);
    log(`[serve] auth mode: ${config.auth}; rate limit: ${config.rateLimit.rps > 0 ? `${config.rateLimit.rps} rps, burst ${config.rateLimit.burst}` : 'off'}`);
    await new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
    log('[serve] shutting down: finishing in-flight requests');
    await server.close();
    log('[serve] stopped');
    return 0;
  },
};
