import type { Readable, Writable } from 'node:stream';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { ToolRegistry } from '../tools/registry.js';
import { createCatalogueServers } from './catalogue-servers.js';
import { LineStdioTransport, StdioTransportError, type StdioTransportOptions } from './stdio-transport.js';

export { StdioTransportError } from './stdio-transport.js';

export interface StdioOptions {
  readonly registry: ToolRegistry;
  readonly stdin?: Readable;
  readonly stdout?: Writable;
  readonly log?: (line: string) => void;
  /** Limits of the line transport (tests lower them). */
  readonly limits?: Omit<StdioTransportOptions, 'log'>;
}

/**
 * Serves the same tools over stdio: newline-delimited MCP messages on stdout,
 * nothing else (logs go to stderr). Auth does not apply: the OS process
 * boundary is the protection. Resolves when stdin ends and every reply is
 * written, or when `signal` aborts; rejects with a `StdioTransportError` when
 * stdin or stdout fails or the server closes the connection on its own.
 */
export async function runStdioServer(options: StdioOptions, signal?: AbortSignal): Promise<void> {
  const log = options.log ?? (() => {});
  const transport = new LineStdioTransport(options.stdin ?? process.stdin, options.stdout ?? process.stdout, { ...options.limits, log });
  // The one stdio connection follows catalogue changes (an upstream starting or changing its tools).
  const servers = createCatalogueServers(options.registry);
  const handle = serveStdio(() => servers.live(), {
    transport,
    onerror: (error) => log(`[stdio] ${bounded(error.message)}`),
  });
  const stop = (): void => void handle.close();
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted === true) stop();
  try {
    const end = await transport.finished;
    if (end === 'closed' && signal?.aborted !== true) {
      throw new StdioTransportError('SERVER_CLOSED', 'the MCP server closed the connection while stdin was still open');
    }
  } finally {
    signal?.removeEventListener('abort', stop);
    await handle.close();
    servers.close();
  }
}

function bounded(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
