import type { Readable, Writable } from 'node:stream';
import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import type { ToolRegistry } from '../tools/registry.js';
import { mcpServerFactory } from './start-server.js';

export interface StdioOptions {
  readonly registry: ToolRegistry;
  readonly stdin?: Readable;
  readonly stdout?: Writable;
  readonly log?: (line: string) => void;
}

/**
 * Serves the same tools over stdio: newline-delimited MCP messages on stdout,
 * nothing else (logs go to stderr). Auth does not apply: the OS process
 * boundary is the protection. Resolves when the client closes stdin.
 */
export async function runStdioServer(options: StdioOptions, signal?: AbortSignal): Promise<void> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const ended = new Promise<void>((resolve) => {
    stdin.once('end', resolve);
    stdin.once('close', resolve);
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  const handle = serveStdio(mcpServerFactory(options.registry), {
    transport: new StdioServerTransport(stdin, stdout),
    onerror: (error) => options.log?.(`[stdio] ${error.message}`),
  });
  await ended;
  await handle.close();
}
