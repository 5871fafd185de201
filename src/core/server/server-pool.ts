import type { McpServer } from '@modelcontextprotocol/server';

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
  const idle: McpServer[] = [];
  let generation = 0;
  let closed = false;

  function build(): McpServer {
    const server = options.build();
    const born = generation;
    let failed = false;
    server.server.onerror = () => {
      failed = true;
    };
    // The SDK calls this once the transport of an exchange closed, whoever closed it.
    server.server.onclose = () => {
      if (closed || failed || born !== generation || idle.length >= options.maxIdle || idle.includes(server)) return;
      idle.push(server);
    };
    return server;
  }

  return {
    acquire() {
      for (let server = idle.pop(); server !== undefined; server = idle.pop()) {
        if (!server.isConnected()) return server;
      }
      return build();
    },
    invalidate() {
      generation += 1;
      idle.length = 0;
    },
    get idleCount() {
      return idle.length;
    },
    close() {
      closed = true;
      idle.length = 0;
    },
  };
}
