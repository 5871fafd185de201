import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createHttpServer } from './node-http.js';

/**
 * What one client, and all clients together, may hold of a server. Every
 * listener of this process (the MCP port and the dashboard) is built with these,
 * so a slow or greedy client can never pile up sockets or memory.
 */
export interface ConnectionLimits {
  /** A request's headers and body must arrive in full within this time (else 408). */
  readonly requestTimeoutMs: number;
  /** The headers alone must arrive within this time. */
  readonly headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this time. */
  readonly keepAliveTimeoutMs: number;
  /** Open connections from one address; more are answered 503 at once. */
  readonly maxConnectionsPerAddress: number;
  /** Open connections in total; more are answered 503 at once. */
  readonly maxConnections: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnectionsPerAddress: 256,
  maxConnections: 2_048,
};

/** After an early answer (401, 413, 431, 503…), this much of a body still in flight is read and dropped… */
const DRAIN_MAX_BYTES = 8 * 1024 * 1024;
/** …for at most this long, so the client reads the answer instead of a reset; then the socket is closed. */
const DRAIN_MAX_MS = 2_000;

/**
 * An HTTP server with request and header deadlines, per-address and total
 * connection caps (refused with a readable 503, not a silent drop), and
 * readable answers to malformed requests (400, 431) that let the client read
 * them before the socket closes.
 */
export function createLimitedServer(limits: ConnectionLimits, listener: RequestListener): Server {
  const server = createHttpServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Deadlines are checked this often (Node's default, 30 s, would let a slow body live twice as long).
      connectionsCheckingInterval: Math.min(1_000, limits.requestTimeoutMs),
    },
    listener,
  );
  capConnections(server, limits);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket));
  return server;
}

function capConnections(server: Server, limits: ConnectionLimits): void {
  const perAddress = new Map<string, number>();
  let total = 0;
  // Admission runs before Node's HTTP parser sees the socket, so a refused socket never reaches the app.
  const [parseHttp] = server.listeners('connection') as ((socket: Socket) => void)[];
  if (parseHttp === undefined) throw new Error('node:http server without a connection listener');
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const mine = perAddress.get(address) ?? 0;
    if (total >= limits.maxConnections || mine >= limits.maxConnectionsPerAddress) {
      const which = total >= limits.maxConnections ? `${limits.maxConnections} in total` : `${limits.maxConnectionsPerAddress} from one address`;
      refuse(socket, 503, 'TOO_MANY_CONNECTIONS', `Too many open connections (${which}); close some and retry`, { 'Retry-After': '1' });
      return;
    }
    total += 1;
    perAddress.set(address, mine + 1);
    socket.once('close', () => {
      total -= 1;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left === 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
    parseHttp.call(server, socket);
  });
}

/** Node's parser refused the request: headers too large (431), too slow (408) or malformed (400). */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    refuse(socket, 431, 'HEADERS_TOO_LARGE', 'Request headers are too large');
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    refuse(socket, 408, 'REQUEST_TIMEOUT', 'The request did not arrive in full in time');
  } else {
    refuse(socket, 400, 'BAD_REQUEST', 'Malformed HTTP request');
  }
}

/** Writes a complete JSON answer on a raw socket, then drains and closes it. */
function refuse(socket: Socket, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: { code, message } });
  const head = [
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.on('error', () => undefined);
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  drainThenDestroy(socket);
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
  503: 'Service Unavailable',
};

/**
 * Reads and drops what the client still sends (through `incoming`: the raw
 * socket, or the request once Node's parser owns the socket), within bounds, so
 * the client sees the answer rather than a reset; then closes the socket.
 */
function drainThenDestroy(socket: Socket, incoming: NodeJS.ReadableStream = socket): void {
  let drained = 0;
  const stop = (): void => {
    clearTimeout(timer);
    socket.destroy();
  };
  const timer = setTimeout(stop, DRAIN_MAX_MS);
  timer.unref();
  incoming.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) stop();
  });
  incoming.once('end', stop);
  socket.once('close', () => clearTimeout(timer));
  incoming.resume();
}

/** A body up to this size still on its way after an early answer is read, and the connection kept for the next request. */
const KEEP_ALIVE_BODY_BYTES = 64 * 1024;

/**
 * After an answer sent before the request body was read (401, 403, 413,
 * 429…): a small declared body (the usual JSON-RPC post) is read and dropped
 * and the connection kept alive, unless it does not arrive within the drain
 * time; anything larger or of unknown length goes out with `Connection:
 * close`, then at most a bounded amount of it is read before the socket
 * closes. Either way a slow or huge upload never holds the connection.
 */
export function closeAfterEarlyAnswer(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared <= KEEP_ALIVE_BODY_BYTES) {
    res.once('finish', () => {
      if (req.complete) return;
      const timer = setTimeout(() => req.socket.destroy(), DRAIN_MAX_MS);
      timer.unref();
      // On the request, not the kept-alive socket, so no listener outlives this request.
      req.once('end', () => clearTimeout(timer));
      req.once('close', () => clearTimeout(timer));
    });
    return;
  }
  if (!res.headersSent) res.setHeader('Connection', 'close');
  // Node ends *and destroys* the socket as soon as a `Connection: close` answer
  // is written, which resets a client still uploading (it sees EPIPE, not the
  // answer). Half-close instead; the drain below closes the socket.
  const socket = req.socket as Socket & { destroySoon?: () => void };
  socket.destroySoon = () => void socket.end();
  res.once('finish', () => drainThenDestroy(socket, req));
}
