import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../http/http-error.js';
import type { Authenticator, HeaderReader, Principal } from '../auth/types.js';
import type { CallEntry, PathGroup } from '../metrics/index.js';
import { newCallEntry, PROMETHEUS_CONTENT_TYPE } from '../metrics/index.js';
import { clientKeyFor, failedAttemptKey, maskedLabel } from '../rate-limit/index.js';
import type { McpEndpoint, SessionlessExchange } from './mcp-endpoint.js';
import { answerText } from './answer-text.js';
import { readBody, sendJson, sendJsonRpcAnswer, sendText, sendWebResponse } from '../http/http-io.js';
import { createSseAnswer } from '../http/sse-answer.js';
import { closeAfterEarlyAnswer } from '../http/limited-server.js';
import { checkBrowserContentType, checkHost, checkOrigin, hostHeaderCount } from '../http/request-guards.js';
import { normaliseMcpHeaders, type HeaderRecord } from './mcp-headers.js';
import { noteRpcCall, noteToolAnswer, noteToolOutcome, TOOL_ANSWER_MARKS, type ToolTargetLookup } from './call-note.js';

/** What the HTTP app needs of the metrics module. */
export interface RequestMetrics {
  recordRequest(group: PathGroup): void;
  /** Counts one admitted request of `client` (a label, never a secret). */
  countClientRequest(client: string): void;
  recordRejection(rejection: { status: number; reason: string; client: string; path: string }): void;
  /** Adds one answered request to the call log (it owns the entry afterwards). */
  recordCall(call: CallEntry): void;
}

/** What the HTTP app needs of the rate limiter. */
export interface RequestLimiter {
  /** Spends one token of the client's bucket; throws `HttpError` 429 with `Retry-After` when empty. */
  enforce(clientKey: string): unknown;
}

/** `authenticator`, `limiter`, the allowed hosts and origins and `openDocument` are read per request (a host may swap them). */
export interface HttpAppOptions {
  readonly authenticator: Authenticator;
  /** Absent when rate limiting is off. */
  readonly limiter?: RequestLimiter;
  readonly metrics: RequestMetrics;
  readonly mcp: McpEndpoint;
  /** Hostnames `Host` may name (DNS-rebinding protection). */
  readonly allowedHosts: ReadonlySet<string>;
  /** Origins allowed besides local ones. */
  readonly allowedOrigins: readonly string[];
  /** Base URL the SDK sees requests under, e.g. `http://127.0.0.1:8000`. */
  readonly baseUrl: () => string;
  readonly health: () => Record<string, unknown>;
  readonly listTools: () => unknown;
  readonly renderMetrics: () => string;
  /** The upstream server a served tool name leads to (the gateway's), for the call log. */
  readonly toolTarget?: ToolTargetLookup;
  /** Documents served without auth by path (RFC 9728 metadata in oauth mode), or undefined. */
  readonly openDocument?: (path: string) => unknown;
  readonly log: (line: string) => void;
}

/** Longest path the call log keeps (only an unknown path can be long). */
const MAX_LOGGED_PATH_CHARS = 256;

type Route = { readonly group: PathGroup; readonly methods: readonly string[]; readonly open: boolean };

const ROUTES: Readonly<Record<string, Route>> = {
  '/mcp': { group: 'mcp', methods: ['GET', 'POST', 'DELETE'], open: false },
  '/tools': { group: 'tools', methods: ['GET'], open: false },
  '/metrics': { group: 'metrics', methods: ['GET'], open: false },
  '/health': { group: 'health', methods: ['GET', 'HEAD'], open: true },
};
const WELL_KNOWN: Route = { group: 'well_known', methods: ['GET'], open: true };

function routeOf(path: string, openDocument: ((path: string) => unknown) | undefined): Route | undefined {
  if (Object.hasOwn(ROUTES, path)) return ROUTES[path];
  return openDocument?.(path) !== undefined ? WELL_KNOWN : undefined;
}

/**
 * The server's request listener: DNS-rebinding guard, routing, auth, rate
 * limiting and metrics in one place, in front of `/mcp`, `/tools`, `/metrics`,
 * `/health` and the OAuth metadata documents. Every failure is an `HttpError`
 * turned into a JSON answer here, where 401/403/429 are also counted.
 */
export function createHttpApp(options: HttpAppOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { metrics, log } = options;

  function reject(res: ServerResponse, error: HttpError, client: string, path: string): void {
    if (error.status === 401 || error.status === 403 || error.status === 429 || error.code.startsWith('AUTH_')) {
      metrics.recordRejection({ status: error.status, reason: error.code, client, path });
    }
    sendJson(res, error.status, error.toBody(), { ...error.headers });
  }

  /** Authenticates, then spends a token from the caller's bucket; failed credentials spend from the address's bucket. */
  async function admit(headers: HeaderReader, url: URL, remoteAddress: string, call: CallEntry): Promise<Principal> {
    let principal: Principal;
    try {
      principal = await options.authenticator.authenticate({ headers, url, remoteAddress });
    } catch (error) {
      if (error instanceof HttpError) spend(failedAttemptKey(remoteAddress));
      throw error;
    }
    call.client = principal.label;
    spend(principal.clientKey);
    // Admitted requests by client (the API key's name, OAuth subject or address): Activity and /metrics.
    metrics.countClientRequest(principal.label);
    return principal;
  }

  function spend(clientKey: string): void {
    options.limiter?.enforce(clientKey);
  }

  async function serveMcp(req: IncomingMessage, res: ServerResponse, url: URL, principal: Principal, call: CallEntry): Promise<void> {
    let body: unknown;
    if (req.method === 'POST') {
      const raw = await readBody(req);
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        call.reason = 'PARSE_ERROR';
        sendJson(res, 400, { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error: the body is not valid JSON' }, id: null });
        return;
      }
      noteRpcCall(call, body, options.toolTarget);
    }
    const acceptsSse = (header(req, 'accept') ?? '').includes('text/event-stream');
    // The commonest posts (sessionless, one request) skip the web Request/Response: the server's answer is written here.
    const exchange = req.method === 'POST' ? options.mcp.exchangeFor({ headers: req.headers, body, acceptsSse, principal }) : undefined;
    if (exchange !== undefined && (await serveExchange(res, exchange, call))) return;
    const headers = requestHeaders(req);
    if (req.method === 'POST') normaliseMcpHeaders(headers);
    // A sessionless request's work stops when its client goes away (the SDK follows the request's signal).
    // A session's transport never reads that signal: its answer stream is cancelled instead (sendWebResponse).
    const gone = req.headers['mcp-session-id'] === undefined ? new AbortController() : undefined;
    const abort = (): void => gone?.abort();
    if (gone !== undefined) res.once('close', abort);
    // The SDK is handed the parsed body, so the request it sees carries none (no copy, no second read).
    const request = new Request(options.baseUrl() + url.pathname + url.search, {
      method: req.method ?? 'GET',
      headers,
      signal: gone?.signal ?? null,
    });
    try {
      const response = await options.mcp.handle({ request, body, acceptsSse, principal });
      const mark = await sendWebResponse(res, response, call.method === 'tools/call' ? TOOL_ANSWER_MARKS : undefined);
      noteToolOutcome(call, response.status, mark);
    } finally {
      if (gone !== undefined) res.off('close', abort);
    }
  }

  /**
   * Serves a sessionless post on a pooled server (`McpEndpoint.exchangeFor`):
   * true once it is answered, or abandoned because the client went away;
   * false when the server's transport declined it (the SDK's transport then answers).
   */
  async function serveExchange(res: ServerResponse, exchange: SessionlessExchange, call: CallEntry): Promise<boolean> {
    const gone = new AbortController();
    const abort = (): void => gone.abort();
    res.once('close', abort);
    const sse = exchange.sse ? createSseAnswer(res) : undefined;
    try {
      const outcome = await exchange.serve({ signal: gone.signal, related: (message) => sse?.event(JSON.stringify(message)) });
      if (outcome.kind === 'declined') return false;
      if (outcome.kind === 'abandoned') return true;
      const { response } = outcome;
      const text = answerText(response);
      if (sse !== undefined) sse.end(text);
      else sendJsonRpcAnswer(res, text);
      noteToolAnswer(call, response);
      return true;
    } finally {
      res.off('close', abort);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const remoteAddress = req.socket.remoteAddress ?? 'unknown';
    // The call log's entry, filled in as the request goes; its client is known once credentials pass.
    const call = newCallEntry(req.method ?? 'GET', path.length > MAX_LOGGED_PATH_CHARS ? path.slice(0, MAX_LOGGED_PATH_CHARS) : path);
    const started = performance.now();
    const route = routeOf(path, options.openDocument);
    metrics.recordRequest(route?.group ?? 'other');
    try {
      if (hostHeaderCount(req.rawHeaders) > 1) throw new HttpError(400, 'DUPLICATE_HOST', 'Bad request: more than one Host header');
      if (route?.group !== 'health') {
        const origin = header(req, 'origin');
        const refused = checkHost(req.headers.host, options.allowedHosts) ?? checkOrigin(origin, options.allowedOrigins);
        if (refused !== undefined) throw new HttpError(403, 'FORBIDDEN_ORIGIN', `Forbidden: ${refused}`);
        const unsafe = checkBrowserContentType(origin, req.method, req.headers['content-type']);
        if (unsafe !== undefined) throw new HttpError(403, 'FORBIDDEN_CONTENT_TYPE', `Forbidden: ${unsafe}`);
      }
      if (route === undefined) throw new HttpError(404, 'NOT_FOUND', `No such endpoint: ${path}`);
      const method = req.method ?? 'GET';
      if (!route.methods.includes(method)) {
        throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}`, { Allow: route.methods.join(', ') });
      }
      if (route.group === 'health') return sendJson(res, 200, options.health());
      if (route.open) return sendJson(res, 200, options.openDocument?.(path));

      const principal = await admit(headerReader(req), url, remoteAddress, call);
      if (route.group === 'tools') return sendJson(res, 200, { tools: options.listTools() });
      if (route.group === 'metrics') return sendText(res, 200, options.renderMetrics(), PROMETHEUS_CONTENT_TYPE);
      await serveMcp(req, res, url, principal, call);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
      } else if (error instanceof HttpError) {
        // Answered before the body was read (bad credentials, 413, 429…): never hold a slow or huge upload.
        closeAfterEarlyAnswer(req, res);
        call.reason = error.code;
        if (call.client === '') call.client = maskedLabel(clientKeyFor('ip', remoteAddress));
        reject(res, error, call.client, path);
      } else {
        log(`[http] internal error on ${req.method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
        call.reason = 'INTERNAL';
        sendJson(res, 500, { error: { code: 'INTERNAL', message: 'Internal server error' } });
      }
    } finally {
      if (call.client === '') call.client = maskedLabel(clientKeyFor('ip', remoteAddress));
      call.status = res.statusCode;
      call.latencyMs = performance.now() - started;
      metrics.recordCall(call);
    }
  }

  return (req, res) => {
    void handle(req, res);
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The request's headers as an authenticator reads them, without copying them. */
function headerReader(req: IncomingMessage): HeaderReader {
  return {
    get(name) {
      const value = req.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** The request's headers as a web `Request` takes them (a repeated header joined, as `Headers` would). */
function requestHeaders(req: IncomingMessage): HeaderRecord {
  const headers: HeaderRecord = {};
  for (const name in req.headers) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
