import { McpServer } from '@modelcontextprotocol/server';
import type { ToolRegistry } from '../tools/registry.js';
import { PRODUCT_NAME, VERSION } from '../version.js';
import { createServerPool } from './server-pool.js';
import { createExchangePool, type ExchangePool } from './exchange-pool.js';

/**
 * Tools, prompts and resources are announced with `listChanged` from the start,
 * so a live server can gain a kind it did not have (an upstream's prompts)
 * without registering a capability after connecting, which MCP forbids.
 */
const CAPABILITIES = { tools: { listChanged: true }, prompts: { listChanged: true }, resources: { listChanged: true } };

function newServer(): McpServer {
  return new McpServer({ name: PRODUCT_NAME, version: VERSION }, { capabilities: CAPABILITIES });
}

/** A server for one request: the registry's catalogue as it is now. */
export function oneShotServer(registry: ToolRegistry): McpServer {
  const server = newServer();
  registry.registerOn(server);
  return server;
}

/** The protocol era a stateless exchange is served in (2025-11-25 and earlier, or 2026-07-28). */
export type StatelessEra = 'legacy' | 'modern';

/** Idle servers kept per era: enough for the requests one process serves at once. */
const MAX_IDLE_PER_ERA = 32;

export interface CatalogueServers {
  /** A server for one request (stateless serving): the catalogue as it is now. */
  oneShot(): McpServer;
  /**
   * Like {@link oneShot}, from a pool per era: the server returns to it when
   * its exchange ends, and a catalogue change empties the pools.
   */
  pooled(era: StatelessEra): McpServer;
  /** Servers that stay connected, for sessionless plain-JSON requests; a catalogue change empties it too. */
  readonly exchanges: ExchangePool;
  /** A server that lives on (a 2025-11-25 session, stdio) and follows every change of the catalogue. */
  live(): McpServer;
  /** Stops following changes. */
  close(): void;
}

/**
 * Builds `McpServer` instances over the tool registry. Live ones are brought
 * up to date whenever the registry changes (an upstream started, stopped or
 * changed its tools), and the SDK then tells their clients with
 * `notifications/tools/list_changed`; `onChange` hears of it too (for the
 * 2026-07-28 `subscriptions/listen` streams).
 */
export function createCatalogueServers(registry: ToolRegistry, onChange: () => void = () => undefined): CatalogueServers {
  const live = new Set<McpServer>();
  const pools = {
    legacy: createServerPool({ build: () => oneShotServer(registry), maxIdle: MAX_IDLE_PER_ERA }),
    modern: createServerPool({ build: () => oneShotServer(registry), maxIdle: MAX_IDLE_PER_ERA }),
  };
  const exchanges = createExchangePool({ build: () => oneShotServer(registry), maxIdle: MAX_IDLE_PER_ERA });
  const unsubscribe = registry.onChange(() => {
    pools.legacy.invalidate();
    pools.modern.invalidate();
    exchanges.invalidate();
    for (const server of live) registry.syncOn(server);
    onChange();
  });
  return {
    oneShot: () => oneShotServer(registry),
    pooled: (era) => pools[era].acquire(),
    exchanges,
    live() {
      const server = newServer();
      registry.attach(server);
      live.add(server);
      const previous = server.server.onclose;
      server.server.onclose = () => {
        live.delete(server);
        previous?.();
      };
      return server;
    },
    close() {
      unsubscribe();
      pools.legacy.close();
      pools.modern.close();
      exchanges.close();
      live.clear();
    },
  };
}
