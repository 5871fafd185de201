import { gatewayFilesFor, processPathContext } from '../../core/config/index.js';
import { createGateway } from '../../core/gateway/gateway.js';
import { readUpstreamSecrets } from '../../core/gateway/upstream-secrets.js';
import { createKeychainStore } from '../../core/keychain/index.js';
import { createHostUpstreamLogins } from '../../core/upstream-login/host-logins.js';
import { runStdioServer, StdioTransportError } from '../../core/server/stdio.js';
import { createBuiltinProviders } from '../../core/tools/builtin/index.js';
import { ToolRegistry } from '../../core/tools/registry.js';
import type { Command } from '../command.js';
import { loadConfig } from '../load-config.js';

export const stdioCommand: Command = {
  name: 'stdio',
  summary: 'Serve the same tools over stdio (for agents that spawn a command)',
  help: `Usage: mcp-toolkit stdio

Serves the MCP tools over stdin/stdout until stdin closes (exit 0, after every
reply is written) or SIGINT/SIGTERM (exit 0); a failing stdin/stdout exits 1.
Nothing but MCP messages is written to stdout; logs go to stderr. A line over
10 MiB, or one that is not a JSON-RPC message, is answered with a JSON-RPC
error (-32600 / -32700) when it carries an id, logged in one line, and
skipped. Reading pauses while 1 MiB of replies or 128 requests are pending.
Auth does not apply: the process boundary protects it. Shared folders come
from the settings file or MCP_SHARED_FOLDERS; the upstream servers of the
settings file (\`mcp-toolkit servers\`) are served too, as with \`serve\`.`,
  options: {},
  async run(_args, io) {
    const config = await loadConfig(io);
    const log = (line: string): void => void io.stderr.write(`${line}\n`);
    // The same catalogue as `serve`: the built-in tools and the gateway's upstreams.
    const secrets = createKeychainStore();
    const logins = createHostUpstreamLogins({ secrets, paths: processPathContext() });
    const gateway = createGateway({ readSecrets: (server) => readUpstreamSecrets(secrets, server), ...gatewayFilesFor(processPathContext()), ...(logins !== undefined ? { logins } : {}), log });
    const registry = new ToolRegistry([...createBuiltinProviders({ sharedFolders: config.sharedFolders }), gateway.provider], { log });
    const stopFollowing = gateway.onChange((catalogueChanged) => {
      if (catalogueChanged) registry.replace(gateway.provider);
    });
    gateway.apply(config.servers);
    try {
      await runStdioServer({ registry, log }, io.signal);
    } catch (error) {
      if (!(error instanceof StdioTransportError)) throw error;
      log(`[stdio] ${error.message}`);
      return 1;
    } finally {
      stopFollowing();
      await gateway.close();
    }
    return 0;
  },
};
