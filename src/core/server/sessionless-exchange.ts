import type { IncomingHttpHeaders } from 'node:http';
import {
  classifyInboundRequest,
  parseJSONRPCMessage,
  type AuthInfo,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type JSONRPCResponse,
} from '@modelcontextprotocol/server';
import type { ExchangePool } from './exchange-pool.js';

/** A sessionless POST the exchange pool may answer, as `exchangeableRequest` found it. */
export interface ExchangeableRequest {
  /** The request as the SDK's transport would hand it to the server (parsed by the SDK's schema). */
  readonly message: JSONRPCRequest;
  /** The `MCP-Protocol-Version` header, if any. */
  readonly protocolVersion: string | undefined;
  /** Whether the answer goes out as an SSE stream (the client accepts one), else as plain JSON. */
  readonly sse: boolean;
}

/** What a served exchange gave. */
export type ExchangeOutcome =
  /** The server's response; when `sse`, the messages it sent about the request went to `related` before it. */
  | { readonly kind: 'answered'; readonly response: JSONRPCResponse }
  /** The server's transport declined it (nothing reached the server): the SDK's web transport must answer. */
  | { readonly kind: 'declined' }
  /** The client went away first: the server was closed, which ends the request's work. */
  | { readonly kind: 'abandoned' };

/**
 * Whether a parsed `/mcp` POST is one the SDK's stateless transport would
 * serve on its own (no session, one JSON-RPC request: no batch, no
 * notification, no `initialize`, routed to 2025-era serving by the SDK's own
 * classifier), so an {@link ExchangePool} server may serve it instead:
 * - a client that accepts SSE gets what the SDK's stateless SSE answer holds:
 *   the messages the server sends about the request (progress, logging),
 *   then the response;
 * - a client that accepts JSON but not SSE gets the response as plain JSON,
 *   so a progress token (progress needs a stream) leaves the request to the SDK.
 * Anything else is left to the SDK's transport.
 */
export function exchangeableRequest(headers: IncomingHttpHeaders, body: unknown, acceptsSse: boolean): ExchangeableRequest | undefined {
  if (headers['mcp-session-id'] !== undefined) return undefined;
  if (!acceptsSse && !(headers.accept ?? '').includes('application/json')) return undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const protocolVersion = one(headers['mcp-protocol-version']);
  const route = classifyInboundRequest({
    httpMethod: 'POST',
    protocolVersionHeader: protocolVersion,
    mcpMethodHeader: one(headers['mcp-method']),
    mcpNameHeader: one(headers['mcp-name']),
    body,
  });
  if (route.kind !== 'legacy' || route.reason !== 'no-claim') return undefined;
  let message;
  try {
    message = parseJSONRPCMessage(body);
  } catch {
    return undefined;
  }
  if (!('method' in message) || !('id' in message) || (!acceptsSse && carriesProgressToken(message))) return undefined;
  return { message, protocolVersion, sse: acceptsSse };
}

/**
 * Serves a qualifying request on a pooled server. With `sse`, what the
 * server sends about the request before its response goes to `related`.
 * When `signal` aborts first (the client went away), the server is closed,
 * as the SDK's stateless transport closes its own.
 */
export async function serveExchange(
  pool: ExchangePool,
  request: ExchangeableRequest,
  authInfo: AuthInfo | undefined,
  options: { readonly signal: AbortSignal; readonly related?: (message: JSONRPCMessage) => void },
): Promise<ExchangeOutcome> {
  const slot = await pool.acquire();
  const abandon = (): void => void slot.transport.close();
  options.signal.addEventListener('abort', abandon);
  try {
    if (options.signal.aborted) return { kind: 'abandoned' };
    const related = request.sse ? options.related : undefined;
    const answer = await slot.transport.exchange(request.message, authInfo, request.protocolVersion, related);
    return typeof answer === 'string' ? { kind: 'declined' } : { kind: 'answered', response: answer };
  } catch (error) {
    if (options.signal.aborted) return { kind: 'abandoned' };
    throw error;
  } finally {
    options.signal.removeEventListener('abort', abandon);
    pool.release(slot);
  }
}

function carriesProgressToken(message: JSONRPCRequest): boolean {
  const meta = message.params?._meta;
  return typeof meta === 'object' && meta !== null && 'progressToken' in meta;
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
