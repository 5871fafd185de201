import { runBridge } from '../../core/bridge/run-bridge.js';
import type { ServerConfig } from '../../core/config/types.js';
import { namedKeysIndexFile, processPathContext } from '../../core/config/index.js';
import { createKeychainStore, isKeychainUnavailable } from '../../core/keychain/index.js';
import { createNamedKeys } from '../../core/keys/named-keys.js';
import { StdioTransportError } from '../../core/server/stdio-transport.js';
import { mcpUrlFor } from '../../shared/agent-snippets.js';
import { API_KEY_HEADER } from '../../shared/api-key.js';
import { UsageError, type Command } from '../command.js';
import { loadConfig } from '../load-config.js';

/** Names of agents (and of their keys): lower-case letters, digits and dashes. */
const CLIENT_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;
const DEFAULT_CLIENT = 'default';

/**
 * The HTTP headers the bridge of agent `client` sends to the toolkit: none
 * unless the toolkit requires an API key; in `api_key` mode, the key named
 * `client` from the OS keychain (created on first use, read when each
 * session opens, never written to a file or a log), or MCP_API_KEY when the
 * bridge's own environment sets it.
 */
export async function bridgeHeaders(client: string, config: ServerConfig): Promise<Record<string, string>> {
  if (config.auth !== 'api_key') return {};
  // MCP_API_KEY, when set for the bridge too, is the server's own override (accepted as the key `env`);
  // otherwise the agent's own named key, created on first use.
  if (config.apiKey !== undefined) return { [API_KEY_HEADER]: config.apiKey };
  const keys = createNamedKeys({ secrets: createKeychainStore(), indexFile: namedKeysIndexFile(processPathContext()) });
  return { [API_KEY_HEADER]: await keys.ensure(client) };
}

export const bridgeCommand: Command = {
  name: 'bridge',
  summary: 'Serve MCP over stdio by forwarding to the running toolkit (no key in agent configs)',
  help: `Usage: mcp-toolkit bridge [--client NAME] [--url URL]

A stdio MCP server for agents that start a command: every message is
forwarded unchanged to the running toolkit (\`mcp-toolkit serve\` or the tray
app) over Streamable HTTP, so auth, rate limits and Activity apply as for
any HTTP client. The agent's configuration holds only this command: in
api_key mode the key is read from the OS keychain when the bridge connects.

  --client NAME  the agent's name, used for its key (default "${DEFAULT_CLIENT}");
                 lower-case letters, digits and dashes, up to 32 characters
  --url URL      the toolkit's MCP endpoint (default: http://HOST:PORT/mcp
                 from the settings, MCP_HOST and MCP_PORT)

While the toolkit is not running, the bridge still answers initialize, lists
no tools and answers each tool call with an error saying how to start it; it
keeps retrying (every 1-5 s, and on each request) and, once connected, tells
the agent to list the tools again. Exits 0 when stdin closes. Only MCP
messages go to stdout; logs go to stderr.`,
  options: {
    client: { type: 'string' },
    url: { type: 'string' },
  },
  async run({ values }, io) {
    const client = typeof values.client === 'string' ? values.client : DEFAULT_CLIENT;
    if (!CLIENT_NAME.test(client)) throw new UsageError(`--client must be lower-case letters, digits and dashes (up to 32), got "${client}"`);
    const config = await loadConfig(io);
    const url = bridgeUrl(typeof values.url === 'string' ? values.url : undefined, config);
    const log = (line: string): void => void io.stderr.write(`${line}\n`);
    const headers = async (): Promise<Record<string, string>> => {
      try {
        return await bridgeHeaders(client, config);
      } catch (error) {
        if (isKeychainUnavailable(error)) log(`[bridge] ${(error as Error).message}`);
        throw error;
      }
    };
    log(`[bridge] forwarding stdio to ${url.href} as client "${client}"`);
    try {
      await runBridge({ url, headers, log }, io.signal);
    } catch (error) {
      if (!(error instanceof StdioTransportError)) throw error;
      log(`[bridge] ${error.message}`);
      return 1;
    }
    return 0;
  },
};

function bridgeUrl(flag: string | undefined, config: ServerConfig): URL {
  const text = flag ?? mcpUrlFor(config.host, config.port);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url is not a URL: "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--url must be http:// or https://, got "${url.protocol}"`);
  return url;
}
