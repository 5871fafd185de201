import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { CreateMessageRequestSchema, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Transport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { McpBridge } from './bridge.js';
import { BRIDGE_SERVER_NAME } from './local-answers.js';
import { FakeToolkit } from './testing/fake-toolkit.js';

const URL_TEXT = 'http://127.0.0.1:8123/mcp';

interface Rig {
  readonly toolkit: FakeToolkit;
  readonly bridge: McpBridge;
  readonly client: Client;
  /** `notifications/tools/list_changed` the client received. */
  readonly listChanged: () => number;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    await rig.client.close();
    await rig.bridge.close();
  }
});

/** An SDK client (the agent) connected to a bridge in front of a fake toolkit, all in memory. */
async function rig(options: { running?: boolean; retryDelaysMs?: number[] } = {}): Promise<Rig> {
  const toolkit = new FakeToolkit();
  toolkit.running = options.running ?? true;
  const [agentSide, bridgeSide] = InMemoryTransport.createLinkedPair();
  const bridge = new McpBridge({
    client: bridgeSide as unknown as Transport,
    openUpstream: toolkit.connect,
    url: URL_TEXT,
    retryDelaysMs: options.retryDelaysMs ?? [60_000],
  });
  await bridge.start();
  const client = new Client({ name: 'agent', version: '1.0.0' }, { capabilities: { sampling: {} } });
  let changes = 0;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => void changes++);
  client.setRequestHandler(CreateMessageRequestSchema, async () => ({ role: 'assistant', model: 'test', content: { type: 'text', text: 'yes' } }));
  await client.connect(agentSide);
  const made = { toolkit, bridge, client, listChanged: () => changes };
  rigs.push(made);
  return made;
}

function text(result: unknown): string {
  return (result as { content: { text: string }[] }).content[0]!.text;
}

describe('the bridge with the toolkit running', () => {
  it('passes initialize, lists, calls, progress, cancellation and server-to-client requests through', async () => {
    const { client, bridge, toolkit } = await rig();
    expect(bridge.phase).toBe('up');
    expect(client.getServerVersion()?.name).toBe('fake-toolkit');
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(['ask', 'echo', 'slow']);
    expect(text(await client.callTool({ name: 'echo', arguments: { text: 'hello' } }))).toBe('hello');
    expect(text(await client.callTool({ name: 'ask', arguments: {} }))).toBe('client said yes');

    const progress: number[] = [];
    const controller = new AbortController();
    const slow = client.callTool({ name: 'slow', arguments: {} }, undefined, {
      signal: controller.signal,
      onprogress: (p) => {
        progress.push(p.progress);
        controller.abort('enough');
      },
    });
    await expect(slow).rejects.toThrow();
    expect(progress).toEqual([1]);
    await vi.waitFor(() => expect(toolkit.aborted).toHaveLength(1));
    expect(toolkit.aborted[0]).toContain('enough');
    expect(toolkit.sessions).toBe(1);
  });
});

describe('the bridge with the toolkit down', () => {
  it('answers initialize and lists itself, and says plainly in a tool error how to start the toolkit', async () => {
    const { client, bridge } = await rig({ running: false });
    expect(bridge.phase).toBe('down');
    expect(client.getServerVersion()?.name).toBe(BRIDGE_SERVER_NAME);
    expect(client.getServerCapabilities()?.tools?.listChanged).toBe(true);
    expect((await client.listTools()).tools).toEqual([]);
    const result = await client.callTool({ name: 'echo', arguments: { text: 'x' } });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain(`MCP Toolkit is not running at ${URL_TEXT}`);
    expect(text(result)).toContain('mcp-toolkit serve');
    await client.ping();
  });

  it('connects on the next request once the toolkit is back, forwards it, and tells the client to re-list', async () => {
    const made = await rig({ running: false });
    made.toolkit.start();
    expect(text(await made.client.callTool({ name: 'echo', arguments: { text: 'back' } }))).toBe('back');
    expect(made.bridge.phase).toBe('up');
    await vi.waitFor(() => expect(made.listChanged()).toBe(1));
    expect(made.toolkit.sessions).toBe(1);
  });

  it('reconnects on its own (retry timer) and sends tools/list_changed', async () => {
    const made = await rig({ running: false, retryDelaysMs: [20] });
    made.toolkit.start();
    await vi.waitFor(() => expect(made.listChanged()).toBe(1), { timeout: 2_000 });
    expect(made.bridge.phase).toBe('up');
    expect((await made.client.listTools()).tools.map((t) => t.name)).toContain('echo');
  });

  it('reports a refused key (401) as such, not as "not running"', async () => {
    const toolkit = new FakeToolkit();
    toolkit.refuseWith = 401;
    const [agentSide, bridgeSide] = InMemoryTransport.createLinkedPair();
    const bridge = new McpBridge({ client: bridgeSide as unknown as Transport, openUpstream: toolkit.connect, url: URL_TEXT, retryDelaysMs: [60_000] });
    await bridge.start();
    const client = new Client({ name: 'agent', version: '1.0.0' });
    await client.connect(agentSide);
    rigs.push({ toolkit, bridge, client, listChanged: () => 0 });
    const result = await client.callTool({ name: 'echo', arguments: { text: 'x' } });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain('refused the connection (HTTP 401: AUTH_INVALID_KEY: The API key is not valid.)');
  });
});

describe('the bridge when the toolkit restarts', () => {
  it('sends a call that met a forgotten session (404) again on a new session', async () => {
    const made = await rig();
    made.toolkit.stop();
    made.toolkit.start();
    expect(text(await made.client.callTool({ name: 'echo', arguments: { text: 'again' } }))).toBe('again');
    expect(made.toolkit.sessions).toBe(2);
    await vi.waitFor(() => expect(made.listChanged()).toBe(1));
  });

  it('answers a call in flight when the session goes with an error, then reconnects', async () => {
    const made = await rig();
    const progressed = new Promise<void>((resolve) => {
      void made.client
        .callTool({ name: 'slow', arguments: {} }, undefined, { onprogress: () => resolve() })
        .then((result) => inFlight.push(result), (error: Error) => inFlight.push(error));
    });
    const inFlight: unknown[] = [];
    await progressed;
    made.toolkit.restart();
    await vi.waitFor(() => expect(inFlight).toHaveLength(1));
    expect(text(inFlight[0])).toContain('was lost before it answered');
    await vi.waitFor(() => expect(made.listChanged()).toBe(1));
    expect(made.toolkit.sessions).toBe(2);
    expect(text(await made.client.callTool({ name: 'echo', arguments: { text: 'fine' } }))).toBe('fine');
  });
});
