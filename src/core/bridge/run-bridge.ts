import type { Readable, Writable } from 'node:stream';
import { LineStdioTransport, StdioTransportError, type StdioTransportOptions } from '../server/stdio-transport.js';
import { McpBridge } from './bridge.js';
import { httpUpstream, type BridgeHeaders } from './http-upstream.js';

export interface RunBridgeOptions {
  /** The toolkit's MCP endpoint, e.g. `http://127.0.0.1:8000/mcp`. */
  readonly url: URL;
  readonly headers: BridgeHeaders;
  readonly stdin?: Readable;
  readonly stdout?: Writable;
  readonly log?: (line: string) => void;
  /** Limits of the stdio side (tests lower them). */
  readonly limits?: Omit<StdioTransportOptions, 'log'>;
}

/**
 * Serves MCP over stdio by forwarding every message to the toolkit over
 * Streamable HTTP (see `McpBridge`). Only MCP messages go to stdout. Resolves
 * when stdin ends and every reply is written, or when `signal` aborts;
 * rejects with a `StdioTransportError` when stdin or stdout fails.
 */
export async function runBridge(options: RunBridgeOptions, signal?: AbortSignal): Promise<void> {
  const log = options.log ?? (() => {});
  const client = new LineStdioTransport(options.stdin ?? process.stdin, options.stdout ?? process.stdout, { ...options.limits, log });
  const bridge = new McpBridge({ client, openUpstream: httpUpstream(options.url, options.headers), url: options.url.href, log });
  const stop = (): void => void bridge.close();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    await bridge.start();
    if (signal?.aborted === true) stop();
    const end = await client.finished;
    if (end === 'closed' && signal?.aborted !== true) {
      throw new StdioTransportError('SERVER_CLOSED', 'the bridge closed the connection while stdin was still open');
    }
  } finally {
    signal?.removeEventListener('abort', stop);
    await bridge.close();
  }
}
