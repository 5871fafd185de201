import { connect, type Socket } from 'node:net';

/** What came back on a raw connection before it closed (or the wait ended). */
export interface RawAnswer {
  /** HTTP status, 0 when the server closed without answering. */
  readonly status: number;
  /** Header names lower-cased. */
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Whether the server closed the connection (false: still open when the wait ended). */
  readonly closed: boolean;
  /** A socket error the client saw (EPIPE, ECONNRESET…), if any. */
  readonly error?: string;
}

export interface RawOptions {
  readonly localAddress?: string;
  /** How long to wait for the server to close the connection (default 5 s). */
  readonly waitMs?: number;
  /** Half-close our side after writing (default true). */
  readonly end?: boolean;
}

/** Parses the first HTTP/1.1 answer in `text`. */
export function parseAnswer(text: string): Pick<RawAnswer, 'status' | 'headers' | 'body'> {
  const split = text.indexOf('\r\n\r\n');
  const head = split === -1 ? text : text.slice(0, split);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: split === -1 ? '' : text.slice(split + 4) };
}

/** Opens a raw TCP connection to 127.0.0.1:port (optionally from another loopback address). */
export function openRaw(port: number, localAddress?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', ...(localAddress ? { localAddress } : {}) });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Collects what `socket` receives until it closes or `waitMs` passes. */
export function collect(socket: Socket, waitMs = 5_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let text = '';
    let error: string | undefined;
    const finish = (closed: boolean): void => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      resolve({ ...parseAnswer(text), closed, ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => {
      finish(false);
      socket.destroy();
    }, waitMs);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.once('close', () => finish(true));
  });
}

/** Sends raw bytes on a new connection and collects the answer. */
export async function rawRequest(port: number, bytes: Buffer | string, options: RawOptions = {}): Promise<RawAnswer> {
  const socket = await openRaw(port, options.localAddress);
  const answer = collect(socket, options.waitMs);
  socket.on('error', () => undefined);
  if (options.end === false) socket.write(bytes);
  else socket.end(bytes);
  return answer;
}

/** The head of an HTTP/1.1 request, ending in the blank line. */
export function requestHead(method: string, path: string, port: number, headers: Record<string, string | number> = {}): string {
  const lines = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}
