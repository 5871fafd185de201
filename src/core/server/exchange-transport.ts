import type { AuthInfo, JSONRPCMessage, JSONRPCRequest, JSONRPCResponse, Transport, TransportSendOptions } from '@modelcontextprotocol/server';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/server';

/** What `McpServer.connect` hands a transport that can answer a scope challenge (`tools/call` of a tool needing more scopes). */
type ScopeChallengeResolver = (context: { request: JSONRPCRequest; authInfo?: AuthInfo }) => unknown;

/** Why an exchange was not served here: the SDK's HTTP transport must answer it (with an error, or a challenge). */
export type ExchangeDeclined = 'unsupported-protocol-version' | 'scope-challenge';

/**
 * An in-memory `Transport` that serves one JSON-RPC request at a time on a
 * server that stays connected to it, for a sessionless client: `exchange()`
 * hands the request to the server (with the caller's `authInfo`, as the SDK's
 * HTTP transport does) and resolves with the server's response to it. What
 * the server sends meanwhile about that request (progress, logging: what the
 * SDK's stateless transport puts on the request's SSE stream) goes to the
 * exchange's `related` listener; without one (a plain JSON answer) it is
 * dropped, as the SDK's HTTP transport drops it in its JSON answer mode.
 * Messages about nothing in particular have no stream to go on: dropped.
 *
 * It applies the checks the SDK's HTTP transport applies to such a request
 * after its header checks: the `MCP-Protocol-Version` header must name a
 * version the connected server supports, and a request the server would
 * answer with a scope challenge is declined (left to that transport).
 */
export class ExchangeTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];

  private supportedVersions: readonly string[] = SUPPORTED_PROTOCOL_VERSIONS;
  private scopeChallenge: ScopeChallengeResolver | undefined;
  private waiting:
    | {
        readonly request: JSONRPCRequest;
        readonly answer: (response: JSONRPCResponse) => void;
        readonly fail: (error: Error) => void;
        readonly related: ((message: JSONRPCMessage) => void) | undefined;
      }
    | undefined;
  private closed = false;

  async start(): Promise<void> {}

  /** Called by `Server.connect` with the versions the server speaks. */
  setSupportedProtocolVersions(versions: string[]): void {
    this.supportedVersions = versions;
  }

  /** Called by `McpServer.connect`. */
  setScopeChallengeResolver(resolver: ScopeChallengeResolver): void {
    this.scopeChallenge = resolver;
  }

  /** Whether the server is serving an exchange now. */
  get busy(): boolean {
    return this.waiting !== undefined;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Serves `request` (already validated as a JSON-RPC request) and resolves
   * with the server's response, or with why it was declined (nothing was
   * handed to the server then). Rejects if the transport closes first.
   * `related` hears, in order, what the server sends about the request before
   * its response.
   */
  async exchange(
    request: JSONRPCRequest,
    authInfo: AuthInfo | undefined,
    protocolVersion: string | undefined,
    related?: (message: JSONRPCMessage) => void,
  ): Promise<JSONRPCResponse | ExchangeDeclined> {
    if (this.closed) throw new Error('exchange transport is closed');
    if (this.waiting !== undefined) throw new Error('exchange transport is serving another request');
    if (protocolVersion !== undefined && !this.supportedVersions.includes(protocolVersion)) return 'unsupported-protocol-version';
    if (this.scopeChallenge !== undefined && (await this.scopeChallenge({ request, ...(authInfo !== undefined && { authInfo }) })) !== undefined) {
      return 'scope-challenge';
    }
    if (this.closed) throw new Error('exchange transport is closed');
    return new Promise<JSONRPCResponse>((answer, fail) => {
      this.waiting = { request, answer, fail, related };
      this.onmessage?.(request, authInfo !== undefined ? { authInfo } : undefined);
    });
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const waiting = this.waiting;
    if (waiting === undefined) return;
    if (isResponse(message)) {
      if (message.id !== waiting.request.id) return;
      this.waiting = undefined;
      waiting.answer(message);
    } else if (options?.relatedRequestId === waiting.request.id) {
      waiting.related?.(message);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.fail(new Error('exchange transport closed before the answer'));
    this.onclose?.();
  }
}

/** A response the server sent (it only sends well-formed ones): it has an id and a result or an error, and no method. */
function isResponse(message: JSONRPCMessage): message is JSONRPCResponse {
  return !('method' in message) && 'id' in message && ('result' in message || 'error' in message);
}
