import { SdkErrorCode, SdkHttpError, type JSONRPCMessage, type Transport, type TransportSendOptions } from '@modelcontextprotocol/client';
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

/**
 * A stand-in for the toolkit behind the bridge, for tests only: a real SDK
 * `McpServer` per session over in-memory transports, which can be stopped
 * (new sessions fail like a refused connection), restarted (old sessions
 * answer 404 like a toolkit that forgot them) or made to refuse the key (401).
 */
export class FakeToolkit {
  running = true;
  refuseWith: number | undefined;
  /** Sessions ever opened (each `initialize` the bridge sent). */
  sessions = 0;
  /** Abort reasons seen by `slow` calls, in order (cancellation reaching the tool). */
  readonly aborted: string[] = [];
  private generation = 0;
  private readonly open = new Set<FakeSession>();

  /** The bridge's `openUpstream`. */
  readonly connect = async (): Promise<Transport> => {
    if (!this.running) throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
    if (this.refuseWith !== undefined) return new RefusingTransport(this.refuseWith);
    const [near, far] = InMemoryTransport.createLinkedPair();
    await this.createServer().connect(far);
    const session = new FakeSession(near as unknown as Transport, this.generation, () => this.generation);
    this.open.add(session);
    this.sessions++;
    return session;
  };

  stop(): void {
    this.running = false;
    this.generation++;
  }

  start(): void {
    this.running = true;
  }

  /** A restart while idle: open sessions are unknown from now on, and their event streams report it (GET 404). */
  restart(): void {
    this.generation++;
    for (const session of this.open) session.loseEventStream();
    this.open.clear();
  }

  private createServer(): McpServer {
    const server = new McpServer({ name: 'fake-toolkit', version: '1.0.0' }, { capabilities: { tools: { listChanged: true } } });
    server.registerTool('echo', { description: 'Echoes.', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({
      content: [{ type: 'text', text }],
    }));
    server.registerTool('slow', { description: 'Reports progress, then waits until cancelled or 5 s.', inputSchema: z.object({}) }, async (_args, ctx) => {
      const signal = ctx.mcpReq.signal;
      await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: ctx.mcpReq._meta?.progressToken ?? 0, progress: 1, total: 2 } });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5_000);
        const onAbort = (): void => {
          clearTimeout(timer);
          this.aborted.push(String(signal.reason));
          resolve();
        };
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort);
      });
      return { content: [{ type: 'text', text: 'slow done' }] };
    });
    server.registerTool('ask', { description: 'Asks the client to sample.', inputSchema: z.object({}) }, async (_args, ctx) => {
      const answer = await ctx.mcpReq.requestSampling({ messages: [{ role: 'user', content: { type: 'text', text: 'hi?' } }], maxTokens: 5 });
      const content = answer.content as { text?: string };
      return { content: [{ type: 'text', text: `client said ${content.text ?? '?'}` }] };
    });
    return server;
  }
}

/** One session: sends fail with 404 once the toolkit restarted (as the SDK's HTTP transport reports it). */
class FakeSession implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  constructor(
    private readonly inner: Transport,
    private readonly generation: number,
    private readonly current: () => number,
  ) {}

  async start(): Promise<void> {
    this.inner.onmessage = (message: JSONRPCMessage) => this.onmessage?.(message);
    await this.inner.start();
  }

  async send(message: JSONRPCMessage, _options?: TransportSendOptions): Promise<void> {
    if (this.generation !== this.current()) {
      throw new SdkHttpError(SdkErrorCode.ClientHttpNotImplemented, 'Error POSTing to endpoint: session not found', { status: 404, statusText: 'Not Found' });
    }
    await this.inner.send(message);
  }

  async close(): Promise<void> {
    await this.inner.close();
  }

  loseEventStream(): void {
    this.onerror?.(new SdkHttpError(SdkErrorCode.ClientHttpFailedToOpenStream, 'Failed to open SSE stream: Not Found', { status: 404, statusText: 'Not Found' }));
  }
}

/** The toolkit refusing the key: every post answers `status`. */
class RefusingTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  constructor(private readonly status: number) {}

  async start(): Promise<void> {}

  async send(): Promise<void> {
    const text = JSON.stringify({ error: { code: 'AUTH_INVALID_KEY', message: 'The API key is not valid.' } });
    throw new SdkHttpError(SdkErrorCode.ClientHttpNotImplemented, `Error POSTing to endpoint: ${text}`, { status: this.status, statusText: 'Unauthorized', text });
  }

  async close(): Promise<void> {
    this.onclose?.();
  }
}
