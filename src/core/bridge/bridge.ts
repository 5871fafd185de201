import { isInitializeRequest, isJSONRPCRequest } from '@modelcontextprotocol/client';
import type { InitializeRequestParams, InitializeResult, JSONRPCMessage, JSONRPCRequest, RequestId, ServerCapabilities, Transport } from '@modelcontextprotocol/client';
import { retryDelayMs, routeClientMessage, type BridgePhase } from './bridge-state.js';
import { answerUnanswered, answerWhileUnavailable, bridgeInitializeResult, unavailableText } from './local-answers.js';
import { openSession } from './open-session.js';
import { classifyUpstreamError, isLostSessionStream, type UpstreamFailure } from './upstream-failure.js';

export interface BridgeOptions {
  /** The agent's side, where the bridge plays the server (stdio in real use). */
  readonly client: Transport;
  /** A fresh, unstarted client transport to the toolkit (Streamable HTTP in real use); may throw. */
  readonly openUpstream: () => Promise<Transport>;
  /** The toolkit's MCP URL, for messages. */
  readonly url: string;
  readonly log?: (line: string) => void;
  /** Waits between attempts while the toolkit is down; the last one repeats. Default 1, 2, 3, then 5 s. */
  readonly retryDelaysMs?: readonly number[];
  /** How long opening a session may take before it counts as unreachable. Default 5 s. */
  readonly connectTimeoutMs?: number;
}

interface PendingRequest {
  readonly method: string;
  /** Aborts the request's response stream (after the client cancels it). */
  readonly stream: AbortController;
}

const LIST_KINDS = ['tools', 'prompts', 'resources'] as const;

/**
 * Forwards MCP messages between an agent and the toolkit, unchanged, over two
 * SDK transports; the phases are in bridge-state.ts. The client's
 * `initialize` opens the toolkit session (with the client's own parameters)
 * and is answered with the toolkit's result; while the toolkit cannot be
 * reached the bridge answers by itself (local-answers.ts) and retries on a
 * timer and on each request. Once a session opens again, the client hears
 * `list_changed` for the lists it was told can change. A request the toolkit
 * never handled (unreachable, or 404 on a session it no longer knows) is sent
 * again once on a new session; a request in flight when the session goes is
 * answered with an error, since it may have run.
 */
export class McpBridge {
  private state: BridgePhase = 'idle';
  private upstream: Transport | undefined;
  private initParams: InitializeRequestParams | undefined;
  private upstreamInit: InitializeResult | undefined;
  private failure: UpstreamFailure | undefined;
  /** What the client was told in its `initialize` answer (which lists announce changes). */
  private announced: ServerCapabilities | undefined;
  private readonly queue: JSONRPCMessage[] = [];
  private readonly pending = new Map<RequestId, PendingRequest>();
  private readonly resent = new WeakSet<JSONRPCMessage>();
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly log: (line: string) => void;

  constructor(private readonly options: BridgeOptions) {
    this.log = options.log ?? (() => {});
  }

  get phase(): BridgePhase {
    return this.state;
  }

  async start(): Promise<void> {
    const { client } = this.options;
    client.onmessage = (message: JSONRPCMessage) => this.fromClient(message);
    client.onclose = () => void this.close();
    client.onerror = (error) => this.log(`[bridge] client side: ${error.message}`);
    await client.start();
  }

  /** Ends the toolkit session (DELETE, best effort) and both transports. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.retryTimer);
    const transport = this.detachUpstream();
    if (transport !== undefined) {
      const terminate = (transport as { terminateSession?: () => Promise<void> }).terminateSession?.bind(transport);
      await Promise.race([terminate?.().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      await transport.close().catch(() => {});
    }
    await this.options.client.close().catch(() => {});
  }

  private fromClient(message: JSONRPCMessage): void {
    switch (routeClientMessage(this.state, message)) {
      case 'forward':
        this.forward(message);
        return;
      case 'queue':
        this.queue.push(message);
        return;
      case 'connect':
        if (isInitializeRequest(message)) this.initParams = message.params;
        this.queue.push(message);
        void this.connect();
        return;
      case 'answer':
        this.toClient(answerWhileUnavailable(message as JSONRPCRequest, unavailableText(this.options.url, this.failure)));
        return;
      case 'drop':
        return;
    }
  }

  private async connect(): Promise<void> {
    if (this.initParams === undefined || this.state === 'closed' || this.state === 'connecting') return;
    this.state = 'connecting';
    clearTimeout(this.retryTimer);
    this.discardUpstream();
    const toldBefore = this.announced;
    try {
      const transport = await this.options.openUpstream();
      const result = await openSession(transport, this.initParams, this.options.connectTimeoutMs ?? 5_000);
      if (this.state !== 'connecting') {
        void transport.close().catch(() => {});
        return;
      }
      this.attach(transport);
      this.upstreamInit = result;
      this.state = 'up';
      this.attempt = 0;
      this.failure = undefined;
      this.log(`[bridge] connected to MCP Toolkit at ${this.options.url}`);
    } catch (error) {
      if (this.state !== 'connecting') return;
      this.markDown(classifyUpstreamError(error));
      this.scheduleRetry();
    }
    this.flush();
    if (this.state === 'up' && toldBefore !== undefined) this.announceListChanges(toldBefore);
  }

  /** Messages held during an attempt, in order: forwarded when up, else answered by the bridge. */
  private flush(): void {
    for (const message of this.queue.splice(0)) {
      if (isInitializeRequest(message) && isJSONRPCRequest(message)) {
        const result = this.state === 'up' && this.upstreamInit !== undefined ? this.upstreamInit : bridgeInitializeResult(message.params.protocolVersion);
        this.announced = result.capabilities;
        this.toClient({ jsonrpc: '2.0', id: message.id, result });
      } else if (this.state === 'up') {
        this.forward(message);
      } else if (isJSONRPCRequest(message)) {
        this.toClient(answerWhileUnavailable(message, unavailableText(this.options.url, this.failure)));
      }
    }
  }

  private forward(message: JSONRPCMessage): void {
    const transport = this.upstream;
    if (transport === undefined) return;
    if (isJSONRPCRequest(message)) {
      const stream = new AbortController();
      this.pending.set(message.id, { method: message.method, stream });
      transport
        .send(message, { requestSignal: stream.signal, onRequestStreamEnd: () => this.streamEnded(message.id) })
        .catch((error: unknown) => this.sendFailed(transport, message, error));
      return;
    }
    const sent = transport.send(message);
    sent.catch(() => {}); // logged by onerror; a notification or response has no one to answer
    const cancelled = cancelledRequestId(message);
    if (cancelled === undefined) return;
    const entry = this.pending.get(cancelled);
    this.pending.delete(cancelled);
    // The toolkit hears the cancellation first; then the request's stream is let go.
    if (entry !== undefined) void sent.finally(() => entry.stream.abort());
  }

  private sendFailed(transport: Transport, request: JSONRPCRequest, error: unknown): void {
    const entry = this.pending.get(request.id);
    if (entry === undefined || entry.stream.signal.aborted) return;
    this.pending.delete(request.id);
    const failure = classifyUpstreamError(error);
    const neverHandled = failure.kind === 'unreachable' || failure.kind === 'session-lost';
    if (neverHandled && !this.resent.has(request)) {
      this.resent.add(request);
      if (transport === this.upstream) this.markDown(failure);
      this.fromClient(request);
      return;
    }
    this.toClient(answerUnanswered(request, this.failureText(failure)));
  }

  /** A request's response stream ended without its answer (the toolkit went away mid-call). */
  private streamEnded(id: RequestId): void {
    const entry = this.pending.get(id);
    if (entry === undefined) return;
    this.pending.delete(id);
    this.toClient(answerUnanswered({ id, method: entry.method }, this.lostText()));
  }

  private attach(transport: Transport): void {
    this.upstream = transport;
    transport.onmessage = (message: JSONRPCMessage) => {
      if (transport !== this.upstream) return;
      if ('id' in message && !('method' in message) && message.id !== undefined) this.pending.delete(message.id);
      this.toClient(message);
    };
    transport.onerror = (error) => this.upstreamError(transport, error);
    transport.onclose = () => {
      if (transport !== this.upstream) return;
      this.markDown({ kind: 'other', detail: 'the connection closed' });
      void this.connect();
    };
  }

  private upstreamError(transport: Transport, error: Error): void {
    if (transport !== this.upstream) return;
    if (isLostSessionStream(error)) {
      this.markDown({ kind: 'session-lost' });
      void this.connect();
      return;
    }
    this.log(`[bridge] ${bounded(error.message)}`);
    // The session's event stream gave up reconnecting: the toolkit is gone.
    if (/Maximum reconnection attempts/.test(error.message)) {
      this.markDown({ kind: 'unreachable', detail: 'event stream lost' });
      void this.connect();
    }
  }

  /** The session is gone: requests in flight on it are answered with an error, and the phase is `down`. */
  private markDown(failure: UpstreamFailure): void {
    if (this.failure?.kind !== failure.kind || this.state === 'up') this.log(`[bridge] ${describeFailure(failure, this.options.url)}`);
    this.failure = failure;
    this.discardUpstream();
    this.state = 'down';
  }

  private discardUpstream(): void {
    const transport = this.detachUpstream();
    if (transport === undefined) return;
    void transport.close().catch(() => {});
    const text = this.lostText();
    for (const [id, entry] of this.pending) this.toClient(answerUnanswered({ id, method: entry.method }, text));
    this.pending.clear();
  }

  private detachUpstream(): Transport | undefined {
    const transport = this.upstream;
    this.upstream = undefined;
    if (transport !== undefined) {
      transport.onmessage = undefined;
      transport.onclose = undefined;
      transport.onerror = undefined;
    }
    return transport;
  }

  private scheduleRetry(): void {
    const delay = retryDelayMs(this.attempt++, this.options.retryDelaysMs);
    this.retryTimer = setTimeout(() => {
      if (this.state === 'down') void this.connect();
    }, delay);
    this.retryTimer.unref();
  }

  private announceListChanges(told: ServerCapabilities): void {
    for (const kind of LIST_KINDS) {
      if (told[kind]?.listChanged === true) this.toClient({ jsonrpc: '2.0', method: `notifications/${kind}/list_changed` });
    }
  }

  private failureText(failure: UpstreamFailure): string {
    if (failure.kind === 'refused') return `MCP Toolkit refused the request (HTTP ${failure.status}: ${failure.detail}).`;
    if (failure.kind === 'other') return `The request to MCP Toolkit at ${this.options.url} failed: ${failure.detail}.`;
    return unavailableText(this.options.url, failure);
  }

  private lostText(): string {
    return `The connection to MCP Toolkit at ${this.options.url} was lost before it answered; the request may or may not have run.`;
  }

  private toClient(message: JSONRPCMessage): void {
    this.options.client.send(message).catch((error: Error) => this.log(`[bridge] could not write to the client: ${error.message}`));
  }
}

function cancelledRequestId(message: JSONRPCMessage): RequestId | undefined {
  if (!('method' in message) || message.method !== 'notifications/cancelled') return undefined;
  const id = (message.params as { requestId?: unknown } | undefined)?.requestId;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
}

function describeFailure(failure: UpstreamFailure, url: string): string {
  switch (failure.kind) {
    case 'unreachable':
      return `MCP Toolkit not reachable at ${url} (${failure.detail}); answering locally and retrying`;
    case 'session-lost':
      return `the toolkit no longer knows this session (restarted?); opening a new one`;
    case 'refused':
      return `MCP Toolkit at ${url} refused the session: HTTP ${failure.status} (${failure.detail}); retrying`;
    case 'other':
      return `connection to MCP Toolkit at ${url} failed: ${failure.detail}; retrying`;
  }
}

function bounded(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
