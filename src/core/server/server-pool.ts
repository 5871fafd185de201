import type { McpServer } from '@modelcontextprotocol/server';
import { createIdlePool } from './idle-pool.js';

export interface ServerPoolOptions {
  /** Builds a server with the catalogue as it is now. */
  readonly build: () => McpServer;
  /** Idle servers kept; when all are busy a new one is built, and dropped when it is done if the pool is full. */
  readonly maxIdle: number;
}

export interface ServerPool {
  /**
   * A server no exchange is using, built for the current catalogue. It comes
   * back to the pool when its transport closes (the SDK's end of an exchange),
   * unless the catalogue changed meanwhile or the server reported an error.
   */
  acquire(): McpServer;
  /** The catalogue changed: idle servers are dropped, and busy ones are not taken back. */
  invalidate(): void;
  readonly idleCount: number;
  /** Drops every idle server; servers still busy are not taken back. */
  close(): void;
}

/**
 * Reuses `McpServer` instances across stateless exchanges, so a request does
 * not build a server and register every tool again. The SDK supports this:
 * a server whose transport closed may be connected to a new one, and each
 * exchange gets a fresh transport (one request, one transport, as the SDK's
 * stateless serving requires). A server serves one exchange at a time.
 */
export function createServerPool(options: ServerPoolOptions): ServerPool {
  const pool = createIdlePool<McpServer>(options.maxIdle);

  function build(): McpServer {
    const server = options.build();
    const born = pool.generation;
    let failed = false;
    server.server.onerror = () => {
      failed = true;
    };
    // The SDK calls this once the transport of an exchange closed, whoever closed it.
    server.server.onclose = () => {
      if (!failed) pool.giveBack(server, born);
    };
    return server;
  }

  return {
    acquire() {
      for (let server = pool.take(); server !== undefined; server = pool.take()) {
        if (!server.isConnected()) return server;
      }
      return build();
    },
    invalidate: () => void pool.invalidate(),
    get idleCount() {
      return pool.idleCount;
    },
    close: () => void pool.close(),
  };
}
