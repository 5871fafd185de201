/**
 * A real HTTP server on 127.0.0.1:0 that answers badly on purpose: bodies that
 * are huge, never end, or stall after the headers. For tests of outgoing
 * requests (discovery, JWKS, token endpoint) against misbehaving peers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileHttpServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly origin: string;
  /** Closes the listener and every open connection. */
  stop(): Promise<void>;
}

export async function startHostileHttpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<HostileHttpServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a streamed body amounted to. */
export interface StreamOutcome {
  readonly bytesSent: number;
  /** True when the client closed the connection before the server reached `limitBytes`. */
  readonly clientDisconnected: boolean;
}

/**
 * Writes `prefix`, then `chunkBytes` of filler at a time, respecting
 * back-pressure, until the client disconnects or `limitBytes` have been sent
 * (then ends the response). Resolves once the response is over either way.
 */
export function streamHugeBody(
  res: ServerResponse,
  options: { prefix?: string; chunkBytes?: number; limitBytes: number },
): Promise<StreamOutcome> {
  const chunk = Buffer.alloc(options.chunkBytes ?? 64 * 1024, 'a');
  let bytesSent = 0;
  let closed = false;
  return new Promise((resolve) => {
    res.on('close', () => {
      closed = true;
      resolve({ bytesSent, clientDisconnected: !res.writableFinished });
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    if (options.prefix) {
      res.write(options.prefix);
      bytesSent += Buffer.byteLength(options.prefix);
    }
    const pump = (): void => {
      while (!closed && bytesSent < options.limitBytes) {
        bytesSent += chunk.byteLength;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!closed) res.end();
    };
    pump();
  });
}

/** Sends the headers and `start` of a body, then nothing more, until the client gives up. */
export function stallAfterHeaders(res: ServerResponse, start = '{"keys":['): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write(start);
}
