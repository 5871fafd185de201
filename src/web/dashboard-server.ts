/**
 * The dashboard's HTTP host: serves the same React UI as the desktop window
 * and carries the UI contract over HTTP.
 *
 * - `GET /` the page (strict CSP, no inline script), `GET /assets/*` its bundle;
 * - `POST /api/session` exchanges the per-run token (read by the page from the
 *   URL fragment, which browsers never send to servers or put in `Referer`) for
 *   an `HttpOnly; SameSite=Strict` session cookie, once: the token is spent by
 *   its first exchange; `DELETE /api/session` ends the cookie's session;
 * - `POST /api/call/<name>` runs one contract call, JSON request body in,
 *   JSON `Result` out;
 * - `GET /api/events` streams the push events (server-sent events).
 * The API paths come from `shared/dashboard-routes`, as the browser's do.
 *
 * Loopback only; every request must name a loopback `Host`; API requests need
 * the session cookie and (for calls) the dashboard's own `Origin`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { closeAfterEarlyAnswer, createLimitedServer, DEFAULT_CONNECTION_LIMITS } from '../core/http/limited-server.js';
import { HttpError } from '../core/http/http-error.js';
import { listen, type ListenError } from '../core/http/listen.js';
import { sendJson } from '../core/http/http-io.js';
import type { AppEventListener } from '../ui-backend/event-hub.js';
import { isCallName, type CallHandlers, type Unsubscribe } from '../shared/contract.js';
import { callNameFromPath, DASHBOARD_ROUTES, dashboardLink } from '../shared/dashboard-routes.js';
import { fail, ok } from '../shared/result.js';
import { DashboardError } from './dashboard-error.js';
import { openEventStream, type EventStream } from './event-stream.js';
import { currentEventState } from './initial-state.js';
import { invokeCall } from '../ui-backend/invoke-call.js';
import { parseCallBody } from './call-body.js';
import { DEFAULT_BODY_TIMEOUT_MS, readBodyWithin } from './body-deadline.js';
import { createDashboardSessions } from './dashboard-sessions.js';
import { checkFetchSite, checkOriginIfPresent, checkSameOrigin, isJsonContentType, originFromHost, type Check } from '../core/http/request-guards.js';
import { clearSessionCookieHeader, readCookie, sessionCookieHeader, sessionCookieName } from './session-cookie.js';
import { createDashboardSecret } from './secret.js';
import { API_HEADERS, ASSET_HEADERS, PAGE_HEADERS } from './security-headers.js';
import type { DashboardAssets } from './static-assets.js';

/** The dashboard binds this address and no other. */
export const DASHBOARD_HOST = '127.0.0.1';
/** Largest call body (a settings patch is far smaller; `clipboard.writeText` allows 64 KiB of text). */
export const MAX_CALL_BODY_BYTES = 128 * 1024;
/** Event streams open at once; more get 503 (each browser tab holds one). */
export const DEFAULT_MAX_STREAMS = 16;
const MAX_SESSION_BODY_BYTES = 1024;
const CLOSE_GRACE_MS = 2_000;

export interface DashboardServerOptions {
  readonly handlers: CallHandlers;
  readonly subscribe: (listener: AppEventListener) => Unsubscribe;
  readonly assets: DashboardAssets;
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** The per-run token; a fresh random one when absent (tests pass their own). */
  readonly token?: string;
  readonly heartbeatMs?: number;
  readonly maxStreams?: number;
  /** Time a request body has to arrive in full; 408 after it (default 10 s). */
  readonly bodyTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

export interface DashboardServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** The link to open, with the token in its fragment: print it for the user, never log it. */
  readonly openUrl: string;
  close(): Promise<void>;
}

/** Starts the dashboard on 127.0.0.1; rejects with `DashboardError` when the port cannot be bound. */
export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const token = options.token ?? createDashboardSecret();
  const sessions = createDashboardSessions(token);
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  // Each open stream with the key of the session it belongs to, so ending a session ends its streams.
  const streams = new Map<EventStream, string>();
  const maxStreams = options.maxStreams ?? DEFAULT_MAX_STREAMS;
  let cookieName = '';

  function refuse<T>(status: number, code: string, check: Check<T>): asserts check is { readonly ok: true; readonly value: T } {
    if (!check.ok) throw new HttpError(status, code, `Forbidden: ${check.reason}`);
  }

  /** The key of the request's live session; 401 without one. */
  function requireSession(req: IncomingMessage): string {
    const key = sessions.keyOf(readCookie(req.headers.cookie, cookieName));
    if (key === undefined) {
      throw new HttpError(401, 'DASHBOARD_UNAUTHORIZED', 'Open the dashboard with the link printed by `mcp-toolkit serve --dashboard`.');
    }
    return key;
  }

  function requireJson(req: IncomingMessage): void {
    if (!isJsonContentType(req.headers['content-type'])) {
      throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.');
    }
  }

  function requireMethod(req: IncomingMessage, ...allowed: readonly ('GET' | 'POST' | 'DELETE')[]): void {
    if (!allowed.some((method) => method === req.method)) {
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here`, { Allow: allowed.join(', ') });
    }
  }

  /** Checks shared by every API change: same-origin per Fetch Metadata, from our own origin. */
  function requireOwnOrigin(req: IncomingMessage, origin: string): void {
    refuse(403, 'DASHBOARD_ORIGIN_REFUSED', checkFetchSite(header(req, 'sec-fetch-site')));
    refuse(403, 'DASHBOARD_ORIGIN_REFUSED', checkSameOrigin(header(req, 'origin'), origin));
  }

  function requireApiPost(req: IncomingMessage, origin: string): void {
    requireMethod(req, 'POST');
    requireOwnOrigin(req, origin);
  }

  async function session(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
    requireMethod(req, 'POST', 'DELETE');
    requireOwnOrigin(req, origin);
    if (req.method === 'DELETE') return endSession(req, res);
    requireJson(req);
    const body = parseCallBody(await readBodyWithin(req, MAX_SESSION_BODY_BYTES, bodyTimeoutMs));
    const exchange = sessions.exchange(body.ok ? (body.value as { token?: unknown } | undefined)?.token : undefined);
    if (!exchange.ok && exchange.reason === 'TOKEN_USED') {
      throw new HttpError(
        403,
        'DASHBOARD_TOKEN_USED',
        'This dashboard link was already used: it works once. Go on in the browser tab it opened, or restart `mcp-toolkit serve --dashboard` for a new link.',
      );
    }
    if (!exchange.ok) {
      throw new HttpError(401, 'DASHBOARD_TOKEN_INVALID', 'This dashboard link is not valid (the token changes every time `serve --dashboard` starts).');
    }
    sendJson(res, 200, ok(null), { ...API_HEADERS, 'Set-Cookie': sessionCookieHeader(cookieName, exchange.sessionId) });
  }

  /** Ends the cookie's session and the event streams it opened, and clears the cookie. */
  function endSession(req: IncomingMessage, res: ServerResponse): void {
    const key = requireSession(req);
    sessions.end(readCookie(req.headers.cookie, cookieName));
    for (const [stream, owner] of streams) if (owner === key) stream.close();
    sendJson(res, 200, ok(null), { ...API_HEADERS, 'Set-Cookie': clearSessionCookieHeader(cookieName) });
  }

  async function call(req: IncomingMessage, res: ServerResponse, origin: string, rawName: string): Promise<void> {
    requireApiPost(req, origin);
    requireSession(req);
    const name = safeDecode(rawName);
    if (!isCallName(name)) throw new HttpError(404, 'UNKNOWN_CALL', `No such call: ${rawName}`);
    requireJson(req);
    const body = parseCallBody(await readBodyWithin(req, MAX_CALL_BODY_BYTES, bodyTimeoutMs));
    if (!body.ok) return sendJson(res, 400, body, API_HEADERS);
    const result = await invokeCall(options.handlers, name, body.value, log, '[dashboard]');
    sendJson(res, !result.ok && result.error.code === 'BAD_REQUEST' ? 400 : 200, result, API_HEADERS);
  }

  function events(req: IncomingMessage, res: ServerResponse, origin: string): void {
    requireMethod(req, 'GET');
    refuse(403, 'DASHBOARD_ORIGIN_REFUSED', checkFetchSite(header(req, 'sec-fetch-site')));
    refuse(403, 'DASHBOARD_ORIGIN_REFUSED', checkOriginIfPresent(header(req, 'origin'), origin));
    const owner = requireSession(req);
    if (streams.size >= maxStreams) throw new HttpError(503, 'DASHBOARD_BUSY', `At most ${maxStreams} dashboard tabs can be open at once.`);
    const stream = openEventStream(res, {
      subscribe: options.subscribe,
      initialState: () => currentEventState(options.handlers, log),
      ...(options.heartbeatMs !== undefined && { heartbeatMs: options.heartbeatMs }),
    });
    streams.set(stream, owner);
    res.once('close', () => streams.delete(stream));
  }

  function staticFile(req: IncomingMessage, res: ServerResponse, path: string): void {
    requireMethod(req, 'GET');
    if (path === '/') return send(res, 200, PAGE_HEADERS, 'text/html; charset=utf-8', options.assets.page);
    const asset = options.assets.asset(path.slice('/assets/'.length));
    if (!asset) throw new HttpError(404, 'NOT_FOUND', `No such file: ${path}`);
    send(res, 200, ASSET_HEADERS, asset.contentType, asset.body);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://dashboard.invalid').pathname;
    try {
      const origin = originFromHost(req.headers.host);
      refuse(403, 'DASHBOARD_HOST_REFUSED', origin);
      if (path === '/' || path.startsWith('/assets/')) return staticFile(req, res, path);
      if (path === DASHBOARD_ROUTES.session) return await session(req, res, origin.value);
      if (path === DASHBOARD_ROUTES.events) return events(req, res, origin.value);
      const callName = callNameFromPath(path);
      if (callName !== undefined) return await call(req, res, origin.value, callName);
      throw new HttpError(404, 'NOT_FOUND', `No such path: ${path}`);
    } catch (error) {
      answerError(req, res, path, error);
    }
  }

  function answerError(req: IncomingMessage, res: ServerResponse, path: string, error: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof HttpError) {
      closeAfterEarlyAnswer(req, res);
      if (error.status === 401 || error.status === 403) log(`[dashboard] refused ${req.method} ${path}: ${error.code}`);
      sendJson(res, error.status, fail(error.code, error.message), { ...API_HEADERS, ...error.headers });
      return;
    }
    log(`[dashboard] internal error on ${req.method} ${path}: ${(error as Error).message}`);
    sendJson(res, 500, fail('INTERNAL', 'Internal error'), API_HEADERS);
  }

  const server = createLimitedServer(DEFAULT_CONNECTION_LIMITS, (req, res) => void route(req, res));
  const port = await listen(server, DASHBOARD_HOST, options.port).catch((error: ListenError) => {
    if (error.code === 'PORT_IN_USE') {
      throw new DashboardError('DASHBOARD_PORT_IN_USE', `Dashboard ${error.message.toLowerCase()}: pick another with --dashboard-port (0 for any free port)`, { cause: error });
    }
    throw new DashboardError('DASHBOARD_LISTEN_FAILED', `${error.message} (the dashboard)`, { cause: error });
  });
  cookieName = sessionCookieName(port);
  const url = `http://${DASHBOARD_HOST}:${port}`;

  return {
    url,
    port,
    openUrl: dashboardLink(url, token),
    async close() {
      for (const stream of streams.keys()) stream.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      await closed;
      clearTimeout(grace);
    },
  };
}

function send(res: ServerResponse, status: number, headers: Readonly<Record<string, string>>, contentType: string, body: Buffer): void {
  res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': String(body.length) });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

