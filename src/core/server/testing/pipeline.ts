import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiKeyAuthenticator } from '../../auth/api-key.js';
import { createMetrics, toPrometheus, type Metrics } from '../../metrics/index.js';
import { createBuiltinProviders } from '../../tools/builtin/index.js';
import { ToolRegistry } from '../../tools/registry.js';
import { createHttpApp, type HttpAppOptions } from '../http-app.js';
import { createCatalogueServers } from '../catalogue-servers.js';
import { createMcpEndpoint, type McpEndpoint } from '../mcp-endpoint.js';

export interface Pipeline {
  readonly url: string;
  readonly metrics: Metrics;
  close(): Promise<void>;
}

/**
 * TEST ONLY. The request pipeline in one process, without the CLI or
 * `startServer`: Host/Origin guard › auth (`api_key` with `apiKey`) › rate
 * limit › MCP over the built-in tools (pooled servers, as `startServer` wires them), on 127.0.0.1:0, with `overrides` on
 * top of the app's options (a limiter, a gateway tool lookup…).
 */
export async function startPipeline(apiKey: string, overrides: Partial<HttpAppOptions> = {}): Promise<Pipeline> {
  const metrics = createMetrics();
  const registry = new ToolRegistry(createBuiltinProviders({ sharedFolders: [] }), { log: () => undefined });
  const servers = createCatalogueServers(registry);
  const mcp: McpEndpoint = createMcpEndpoint({ createServer: servers.oneShot, pooledServer: servers.pooled, exchanges: servers.exchanges });
  let baseUrl = '';
  const app = createHttpApp({
    authenticator: createApiKeyAuthenticator({ apiKey }),
    metrics,
    mcp,
    allowedHosts: new Set(['127.0.0.1']),
    allowedOrigins: [],
    baseUrl: () => baseUrl,
    health: () => ({ status: 'ok' }),
    listTools: () => registry.describe(),
    renderMetrics: () => toPrometheus(metrics.snapshot()),
    log: () => undefined,
    ...overrides,
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    metrics,
    async close() {
      await mcp.close();
      servers.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
