import type { ServerConfig } from '../../src/core/config/types.js';
import { createMemorySecretStore } from '../../src/core/keychain/index.js';
import { startServer, type RunningServer, type StartServerOptions } from '../../src/core/server/index.js';

/** A valid API key for tests (never a real secret). */
export const TEST_API_KEY = 'test-key-0123456789abcdef0123456789';

export type ConfigOverrides = Partial<Omit<ServerConfig, 'rateLimit' | 'oauth'>> & {
  rateLimit?: Partial<ServerConfig['rateLimit']>;
  oauth?: Partial<ServerConfig['oauth']>;
};

/** Defaults of a server bound to 127.0.0.1 on a free port, auth off. */
export function testConfig(overrides: ConfigOverrides = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    auth: 'none',
    sharedFolders: [],
    allowedHosts: [],
    allowedOrigins: [],
    ...overrides,
    servers: overrides.servers ?? [],
    rateLimit: { rps: 0, burst: 20, ...overrides.rateLimit },
    oauth: { requiredScopes: [], ...overrides.oauth },
  };
}

/** Starts a real server on 127.0.0.1:0 with an in-memory keychain and a silent log. */
export async function startTestServer(
  overrides: ConfigOverrides = {},
  options: Omit<StartServerOptions, 'config'> = {},
): Promise<RunningServer & { logs: string[] }> {
  const logs: string[] = [];
  const server = await startServer({
    config: testConfig(overrides),
    secrets: createMemorySecretStore(),
    log: (line) => logs.push(line),
    ...options,
  });
  return Object.assign(server, { logs });
}

/** A bare JSON-RPC `tools/list` post, exactly as the README's curl example sends it. */
export const TOOLS_LIST_BODY = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}';
