import { randomUUID } from 'node:crypto';
import {
  CLIENT_INFO_META_KEY,
  createMcpHandler,
  isInitializeRequest,
  isLegacyRequest,
  legacyStatelessFallback,
  WebStandardStreamableHTTPServerTransport,
  type AuthInfo,
  type JSONRPCMessage,
  type McpServer,
} from '@modelcontextprotocol/server';
import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../auth/types.js';
import { DEFAULT_MAX_SESSIONS, DEFAULT_MAX_SESSIONS_PER_OWNER, SessionTable } from './session-table.js';
import { createSessionEventStore } from './event-store.js';
import type { StatelessEra } from './catalogue-servers.js';
import { MAX_BODY_BYTES } from '../http/http-io.js';
import type { ExchangePool } from './exchange-pool.js';
import { exchangeableRequest, serveExchange, type ExchangeOutcome } from './sessionless-exchange.js';
import { writeSseAnswersOnce } from './sse-answers.js';

/** How long a client whose SSE stream broke waits before resuming it (the SSE `retry` field). */
const SSE_RETRY_MS = 1_000;

export interface McpEndpointOptions {
  /** Builds a server instance with every tool registered: one per session or per stateless request. */
  readonly createServer: () => McpServer;
  /**
   * A server for one stateless exchange of `era` that goes back to a pool when
   * the exchange ends (see `CatalogueServers.pooled`); `createServer` when absent.
   */
  readonly pooledServer?: (era: StatelessEra) => McpServer;
  /** Connected servers that serve the commonest sessionless requests without a web transport (see `exchangeFor`). */
  readonly exchanges?: ExchangePool;
  /** Builds the server of a 2025-11-25 session, which lives on; `createServer` when absent. */
  readonly createSessionServer?: () => McpServer;
  readonly maxSessions?: number;
  /** Sessions one client (`Principal.clientKey`) may hold; its oldest makes room for its next. */
  readonly maxSessionsPerOwner?: number;
  readonly sessionIdleMs?: number;
  readonly onError?: (error: Error) => void;
}

export interface McpRequest {
  /** The request as the SDK should see it (headers already normalised); a POST's body is given as `body`, not in it. */
  readonly request: Request;
  /** Parsed JSON body of a POST. */
  readonly body?: unknown;
  /** Whether the client itself accepts an SSE answer. */
  readonly acceptsSse: boolean;
  readonly principal: Principal;
}

/** A parsed `/mcp` POST as it arrived (headers as Node read them). */
export interface McpPost {
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly acceptsSse: boolean;
  readonly principal: Principal;
}

/** A sessionless post a pooled server will serve (see `McpEndpoint.exchangeFor`). */
export interface SessionlessExchange {
  /** Whether the answer goes out as an SSE stream (related messages, then the response), else as plain JSON. */
  readonly sse: boolean;
  serve(listeners: ExchangeListeners): Promise<ExchangeOutcome>;
}

/** How the HTTP app follows a sessionless exchange. */
export interface ExchangeListeners {
  /** Aborts when the client goes away. */
  readonly signal: AbortSignal;
  /** Hears what the server sends about the request before its response, when the answer is an SSE stream. */
  readonly related: (message: JSONRPCMessage) => void;
}

export interface McpEndpoint {
  handle(request: McpRequest): Promise<Response>;
  /**
   * A sessionless POST that `handle` would answer from a stateless server
   * (one request, no `initialize`), to be served on a connected pooled server
   * instead, with no web `Request`/`Response`: `sse` says how to write the
   * answer (as the SDK would: an SSE stream of the related messages then the
   * response, or plain JSON). Undefined when the post is not such a one:
   * `handle` it.
   */
  exchangeFor(post: McpPost): SessionlessExchange | undefined;
  readonly sessionCount: number;
  /** The catalogue changed: tell 2026-07-28 clients listening with `subscriptions/listen` (sessions hear it from their server). */
  catalogueChanged(): void;
  close(): Promise<void>;
}

/**
 * `/mcp`: Streamable HTTP for both protocol eras from one server definition.
 * - 2026-07-28 requests (per-request envelope) are served statelessly by the SDK.
 * - 2025-11-25 `initialize` opens a real session (random `Mcp-Session-Id`, GET
 *   SSE stream, DELETE), so sampling and elicitation work; a session only
 *   answers the client that opened it.
 * - Any other sessionless 2025-style post (e.g. a bare `tools/list` from curl)
 *   is answered statelessly, as JSON unless the client asked for SSE. The
 *   commonest of those (one request) are served by `exchangeFor` on servers that
 *   stay connected, without the SDK's web transport.
 */
export function createMcpEndpoint(options: McpEndpointOptions): McpEndpoint {
  const { createServer, onError } = options;
  const sessions = new SessionTable({
    maxSessions: options.maxSessions ?? DEFAULT_MAX_SESSIONS,
    maxSessionsPerOwner: options.maxSessionsPerOwner ?? DEFAULT_MAX_SESSIONS_PER_OWNER,
    idleMs: options.sessionIdleMs ?? 30 * 60_000,
  });
  const sweeper = setInterval(() => sessions.sweep(), 60_000);
  sweeper.unref();

  // Requests a pooled server may serve: nothing in them leaves state on the server that the next caller would see.
  const poolable = new WeakSet<Request>();
  const serverFor = (era: StatelessEra, request: Request | undefined): McpServer =>
    options.pooledServer !== undefined && request !== undefined && poolable.has(request) ? options.pooledServer(era) : createServer();
  const modern = createMcpHandler((context) => serverFor('modern', context.requestInfo), {
    legacy: 'reject',
    onerror: onError,
    maxRequestBodySize: MAX_BODY_BYTES,
  });
  const statelessSse = legacyStatelessFallback((context) => serverFor('legacy', context.requestInfo), onError, { maxRequestBodySize: MAX_BODY_BYTES });

  async function openSession(request: Request, body: unknown, owner: string, authInfo: AuthInfo | undefined): Promise<Response> {
    const server = (options.createSessionServer ?? createServer)();
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      eventStore: createSessionEventStore(),
      retryInterval: SSE_RETRY_MS,
      onsessioninitialized: (id) => sessions.add({ id, owner, server, transport }),
      onsessionclosed: (id) => sessions.remove(id),
    });
    writeSseAnswersOnce(transport);
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.remove(transport.sessionId);
    };
    await server.connect(transport);
    const response = await transport.handleRequest(request, { parsedBody: body, authInfo });
    if (transport.sessionId === undefined) void server.close().catch(() => undefined);
    return response;
  }

  async function answerStatelessJson(request: Request, body: unknown, authInfo: AuthInfo | undefined): Promise<Response> {
    const server = serverFor('legacy', request);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      return await transport.handleRequest(request, { parsedBody: body, authInfo });
    } finally {
      void server.close().catch(() => undefined);
    }
  }

  return {
    get sessionCount() {
      return sessions.size;
    },

    catalogueChanged() {
      modern.notify.toolsChanged();
      modern.notify.promptsChanged();
      modern.notify.resourcesChanged();
    },

    exchangeFor({ headers, body, acceptsSse, principal }) {
      const { exchanges } = options;
      const request = exchanges !== undefined ? exchangeableRequest(headers, body, acceptsSse) : undefined;
      if (exchanges === undefined || request === undefined) return undefined;
      return { sse: request.sse, serve: (listeners) => serveExchange(exchanges, request, authInfoOf(principal), listeners) };
    },

    async handle({ request, body, acceptsSse, principal }) {
      const authInfo = authInfoOf(principal);
      const sessionId = request.headers.get('mcp-session-id');
      if (sessionId !== null) {
        const session = sessions.find(sessionId, principal.clientKey);
        if (session === undefined) return sessionNotFound();
        return session.transport.handleRequest(request, { parsedBody: body, authInfo });
      }
      if (request.method !== 'POST') return sessionRequired(request.method);
      if (!(await isLegacyRequest(request, body))) {
        if (namesItsClient(body)) poolable.add(request);
        return modern.fetch(request, { parsedBody: body, authInfo });
      }
      if (isInitializeRequest(body)) return openSession(request, body, principal.clientKey, authInfo);
      if (!carriesInitialize(body)) poolable.add(request);
      return acceptsSse ? statelessSse(request, { parsedBody: body, authInfo }) : answerStatelessJson(request, body, authInfo);
    },

    async close() {
      clearInterval(sweeper);
      await sessions.closeAll();
      await modern.close();
    },
  };
}

/**
 * A 2026-07-28 request that names its client in its envelope: the SDK writes
 * that identity onto the server it is served by, so a pooled server never
 * shows the previous caller's (the envelope's client capabilities are required).
 */
function namesItsClient(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const params = (body as { params?: unknown }).params;
  if (typeof params !== 'object' || params === null) return false;
  const meta = (params as { _meta?: unknown })._meta;
  return typeof meta === 'object' && meta !== null && (meta as Record<string, unknown>)[CLIENT_INFO_META_KEY] !== undefined;
}

/** A batch holding an `initialize`, which would leave the client's identity on a stateless server. */
function carriesInitialize(body: unknown): boolean {
  return Array.isArray(body) && body.some((message) => isInitializeRequest(message));
}

/** Tools see the caller's token and scopes (oauth mode); other modes have none to pass on. */
function authInfoOf(principal: Principal): AuthInfo | undefined {
  return principal.token !== undefined ? toAuthInfo(principal) : undefined;
}

/** The SDK's view of a verified caller (`ctx.http.authInfo` in tools). */
function toAuthInfo(principal: Principal): AuthInfo {
  return {
    token: principal.token ?? '',
    clientId: principal.clientId ?? principal.clientKey,
    scopes: [...(principal.scopes ?? [])],
    ...(principal.expiresAt !== undefined ? { expiresAt: principal.expiresAt } : {}),
    extra: { subject: principal.subject, client: principal.label },
  };
}

function jsonRpcError(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** Streamable HTTP: a request naming an unknown or ended session gets 404, so the client starts a new one. */
function sessionNotFound(): Response {
  return jsonRpcError(404, -32001, 'Session not found: it ended or never existed; send a new initialize request');
}

function sessionRequired(method: string): Response {
  return jsonRpcError(405, -32000, `${method} /mcp needs an Mcp-Session-Id header (2025-11-25 sessions); use POST otherwise`, {
    Allow: 'POST',
  });
}
