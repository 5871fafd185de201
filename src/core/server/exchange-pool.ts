import type { McpServer } from '@modelcontextprotocol/server';
import { ExchangeTransport } from './exchange-transport.js';
import { createIdlePool } from './idle-pool.js';

/** A server connected to its own exchange transport; it serves one exchange at a time. */
export interface ExchangeSlot {
  readonly server: McpServer;
  readonly transport: ExchangeTransport;
}

export interface ExchangePoolOptions {
  /** Builds a server with the catalogue as it is now. */
  readonly build: () => McpServer;
  /** Idle slots kept; when all are busy a new one is built, and closed after its exchange if the pool is full. */
  readonly maxIdle: number;
}

export interface ExchangePool {
  /** A slot no exchange is using, built for the current catalogue; give it back with `release`. */
  acquire(): Promise<ExchangeSlot>;
  /** Takes a slot back after its exchange, unless the catalogue changed meanwhile, it failed, or the pool is full (it is closed then). */
  release(slot: ExchangeSlot): void;
  /** The catalogue changed: idle slots are closed, and busy ones are not taken back. */
  invalidate(): void;
  readonly idleCount: number;
  /** Closes every idle slot; slots still busy are closed when released. */
  close(): void;
}

/**
 * Servers that stay connected across stateless JSON exchanges, each to an
 * {@link ExchangeTransport}: a request neither builds a server nor connects
 * or closes one (no per-request transport, no close error for the SDK to
 * build). A server reporting an error is not used again.
 */
export function createExchangePool(options: ExchangePoolOptions): ExchangePool {
  const pool = createIdlePool<ExchangeSlot>(options.maxIdle);
  const bornIn = new WeakMap<ExchangeSlot, number>();
  const failed = new WeakSet<McpServer>();

  async function build(): Promise<ExchangeSlot> {
    const born = pool.generation;
    const server = options.build();
    const transport = new ExchangeTransport();
    server.server.onerror = () => failed.add(server);
    await server.connect(transport);
    const slot = { server, transport };
    bornIn.set(slot, born);
    return slot;
  }

  function discard(slot: ExchangeSlot): void {
    void slot.server.close().catch(() => undefined);
  }

  return {
    async acquire() {
      return pool.take() ?? build();
    },
    release(slot) {
      const fit = !failed.has(slot.server) && !slot.transport.isClosed && !slot.transport.busy;
      if (!fit || !pool.giveBack(slot, bornIn.get(slot) ?? -1)) discard(slot);
    },
    invalidate: () => pool.invalidate().forEach(discard),
    get idleCount() {
      return pool.idleCount;
    },
    close: () => pool.close().forEach(discard),
  };
}
