import { ProtocolErrorCode, SUPPORTED_PROTOCOL_VERSIONS, LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/client';
import type { InitializeResult, JSONRPCMessage, JSONRPCRequest } from '@modelcontextprotocol/client';
import { VERSION } from '../version.js';
import type { UpstreamFailure } from './upstream-failure.js';

/** How the bridge introduces itself when it answers `initialize` on its own. */
export const BRIDGE_SERVER_NAME = 'MCP Toolkit (bridge)';

/**
 * The bridge's own `initialize` answer while the toolkit cannot be reached:
 * the client's protocol version when supported (else the latest), and list
 * capabilities that announce changes, so the client re-lists once the toolkit is back.
 */
export function bridgeInitializeResult(requestedVersion: unknown): InitializeResult {
  const protocolVersion =
    typeof requestedVersion === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(requestedVersion) ? requestedVersion : LATEST_PROTOCOL_VERSION;
  return {
    protocolVersion,
    capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, resources: { listChanged: true } },
    serverInfo: { name: BRIDGE_SERVER_NAME, version: VERSION },
  };
}

/** One sentence or two on why the toolkit cannot answer and what to do; no secret (failures carry none). */
export function unavailableText(url: string, failure: UpstreamFailure | undefined): string {
  const resumes = 'This connection resumes on its own once it is running.';
  if (failure === undefined || failure.kind === 'unreachable' || failure.kind === 'session-lost') {
    return `MCP Toolkit is not running at ${url}. Start it with \`mcp-toolkit serve\` or open the MCP Toolkit tray app. ${resumes}`;
  }
  if (failure.kind === 'refused') {
    const hint = failure.status === 401 || failure.status === 403 ? ' The key this bridge sent was not accepted.' : '';
    return `MCP Toolkit at ${url} refused the connection (HTTP ${failure.status}: ${failure.detail}).${hint}`;
  }
  return `Could not connect to MCP Toolkit at ${url}: ${failure.detail}.`;
}

/** Empty answers of the list requests, so a client can finish starting up while the toolkit is away. */
const EMPTY_LISTS: Readonly<Record<string, Record<string, unknown[]>>> = {
  'tools/list': { tools: [] },
  'prompts/list': { prompts: [] },
  'resources/list': { resources: [] },
  'resources/templates/list': { resourceTemplates: [] },
};

/**
 * The bridge's answer to a request it cannot forward: `initialize` and the
 * lists as above, `ping` with an empty result, `tools/call` with a tool error
 * saying plainly why (`text`), anything else with a JSON-RPC error carrying `text`.
 */
export function answerWhileUnavailable(request: JSONRPCRequest, text: string): JSONRPCMessage {
  const { id, method } = request;
  if (method === 'initialize') return { jsonrpc: '2.0', id, result: bridgeInitializeResult(request.params?.protocolVersion) };
  if (method === 'ping') return { jsonrpc: '2.0', id, result: {} };
  const empty = EMPTY_LISTS[method];
  if (empty !== undefined) return { jsonrpc: '2.0', id, result: empty };
  return answerUnanswered(request, text);
}

/** The answer to a forwarded request whose answer will never come (the toolkit went away or refused it). */
export function answerUnanswered(request: Pick<JSONRPCRequest, 'id' | 'method'>, text: string): JSONRPCMessage {
  if (request.method === 'tools/call') return { jsonrpc: '2.0', id: request.id, result: { content: [{ type: 'text', text }], isError: true } };
  return { jsonrpc: '2.0', id: request.id, error: { code: ProtocolErrorCode.InternalError, message: text } };
}
