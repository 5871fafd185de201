import type { IncomingHttpHeaders } from 'node:http';
import { classifyInboundRequest, parseJSONRPCMessage, type AuthInfo, type JSONRPCRequest, type JSONRPCResponse } from '@modelcontextprotocol/server';
import type { ExchangePool } from './exchange-pool.js';

/** A sessionless POST the exchange pool may answer, as `plainJsonRequest` found it. */
export interface PlainJsonRequest {
  /** The request as the SDK's transport would hand it to the server (parsed by the SDK's schema). */
  readonly message: JSONRPCRequest;
  /** The `MCP-Protocol-Version` header, if any. */
  readonly protocolVersion: string | undefined;
}

/**
 * Whether a parsed `/mcp` POST is one the SDK's stateless transport would
 * answer with plain JSON and nothing else, so an {@link ExchangePool} server
 * may answer it instead: no session, a client that accepts JSON but not SSE,
 * one JSON-RPC request (no batch, no notification, no `initialize`) that the
 * SDK's own classifier routes to 2025-era serving, and no progress token
 * (progress needs a stream). Anything else is left to the SDK's transport.
 */
export function plainJsonRequest(headers: IncomingHttpHeaders, body: unknown, acceptsSse: boolean): PlainJsonRequest | undefined {
  if (acceptsSse || headers['mcp-session-id'] !== undefined || !(headers.accept ?? '').includes('application/json')) return undefined;
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
  if (!('method' in message) || !('id' in message) || carriesProgressToken(message)) return undefined;
  return { message, protocolVersion };
}

/**
 * Serves a qualifying request on a pooled server: its response, or undefined
 * when the server's transport declined it (an unsupported protocol version,
 * a scope challenge), which the SDK's transport then answers.
 */
export async function answerPlainJson(pool: ExchangePool, request: PlainJsonRequest, authInfo: AuthInfo | undefined): Promise<JSONRPCResponse | undefined> {
  const slot = await pool.acquire();
  try {
    const answer = await slot.transport.exchange(request.message, authInfo, request.protocolVersion);
    return typeof answer === 'string' ? undefined : answer;
  } finally {
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
