import type { IncomingHttpHeaders } from 'node:http';
import { CLIENT_CAPABILITIES_META_KEY, PROTOCOL_VERSION_META_KEY } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Principal } from '../auth/types.js';
import { defineTool } from '../tools/define-tool.js';
import { ToolRegistry } from '../tools/registry.js';
import { textResult, toolError } from '../tools/tool-result.js';
import type { ToolProvider } from '../tools/types.js';
import { createCatalogueServers, type CatalogueServers } from './catalogue-servers.js';
import { createMcpEndpoint, type McpEndpoint } from './mcp-endpoint.js';
import { sseMessageEvent } from '../http/sse-answer.js';

/** Releases every `wait` call at once (a state the test waits on, never a timer). */
let openGate: () => void = () => undefined;
let gate = new Promise<void>((resolve) => (openGate = resolve));

const tools = [
  defineTool({ name: 'echo', description: 'Echoes.', inputSchema: z.object({ text: z.string() }), run: async ({ text }) => textResult(text) }),
  defineTool({ name: 'fail', description: 'Fails.', inputSchema: z.object({}), run: async () => toolError('it failed') }),
  defineTool({
    name: 'whoami',
    description: 'Names the caller.',
    inputSchema: z.object({}),
    run: async (_args, ctx) => textResult(`${ctx.http?.authInfo?.clientId ?? 'nobody'} ${ctx.http?.authInfo?.scopes.join(',') ?? ''}`),
  }),
  defineTool({
    name: 'chatty',
    description: 'Notifies the client before answering.',
    inputSchema: z.object({}),
    run: async (_args, ctx) => {
      await ctx.mcpReq.notify({ method: 'notifications/tools/list_changed' });
      return textResult('done');
    },
  }),
  defineTool({
    name: 'progress',
    description: 'Reports progress twice, then answers.',
    inputSchema: z.object({}),
    run: async (_args, ctx) => {
      const progressToken = ctx.mcpReq._meta?.progressToken;
      for (const progress of [1, 2]) {
        if (progressToken !== undefined) await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, progress, total: 2 } });
      }
      return textResult('progressed');
    },
  }),
  defineTool({
    name: 'wait',
    description: 'Answers once the gate opens.',
    inputSchema: z.object({ text: z.string() }),
    run: async ({ text }) => {
      await gate;
      return textResult(text);
    },
  }),
];

const LOCAL: Principal = { clientKey: 'ip:127.0.0.1', label: 'local' };
const OAUTH: Principal = { clientKey: 'oauth:x', label: 'alice', token: 'tok', clientId: 'client-7', scopes: ['mcp:tools'], subject: 'alice' };
const JSON_ONLY: IncomingHttpHeaders = { 'content-type': 'application/json', accept: 'application/json' };

let endpoint: McpEndpoint | undefined;
let servers: CatalogueServers | undefined;
afterEach(async () => {
  await endpoint?.close();
  servers?.close();
  endpoint = undefined;
  servers = undefined;
  gate = new Promise<void>((resolve) => (openGate = resolve));
});

function newEndpoint(provider: ToolProvider = { id: 'p', tools: () => tools }): ToolRegistry {
  const registry = new ToolRegistry([provider]);
  servers = createCatalogueServers(registry);
  endpoint = createMcpEndpoint({ createServer: servers.oneShot, pooledServer: servers.pooled, exchanges: servers.exchanges });
  return registry;
}

/** What the endpoint answers through the SDK's transport (headers as the HTTP app hands them on). */
async function viaSdk(body: unknown, principal = LOCAL, acceptsSse = false): Promise<{ status: number; type: string | null; text: string }> {
  const request = new Request('http://127.0.0.1/mcp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
  });
  const response = await endpoint!.handle({ request, body, acceptsSse, principal });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** What the exchange path serves: the response's JSON, or undefined when it leaves the post to the SDK's transport. */
async function viaFastPath(body: unknown, headers = JSON_ONLY, principal = LOCAL, acceptsSse = false): Promise<string | undefined> {
  const outcome = await endpoint!.exchangeFor({ headers, body, acceptsSse, principal })?.serve({ signal: new AbortController().signal, related: () => undefined });
  return outcome?.kind === 'answered' ? JSON.stringify(outcome.response) : undefined;
}

const SSE_HEADERS: IncomingHttpHeaders = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** The SSE body the exchange path makes (as the HTTP app writes it), or undefined when it leaves the post to the SDK's transport. */
async function viaSseExchange(body: unknown, signal = new AbortController().signal): Promise<string | undefined> {
  const events: string[] = [];
  const exchange = endpoint!.exchangeFor({ headers: SSE_HEADERS, body, acceptsSse: true, principal: LOCAL });
  if (exchange === undefined) return undefined;
  expect(exchange.sse).toBe(true);
  const outcome = await exchange.serve({ signal, related: (message) => events.push(sseMessageEvent(JSON.stringify(message))) });
  return outcome.kind === 'answered' ? events.join('') + sseMessageEvent(JSON.stringify(outcome.response)) : undefined;
}

const call = (id: number, name: string, args: unknown = {}): unknown => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

describe('the sessionless exchange path of /mcp', () => {
  it('answers a JSON client exactly what the SDK transport answers, for results, tool errors and JSON-RPC errors', async () => {
    newEndpoint();
    const bodies = [
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      call(2, 'echo', { text: 'hi' }),
      call(3, 'fail'),
      call(33, 'chatty'), // its notification has no stream to go on: dropped, as by the SDK's JSON answer
      { jsonrpc: '2.0', id: 4, method: 'no/such/method' },
      call(5, 'echo', { text: 5 }),
      call(6, 'no_such_tool'),
      { jsonrpc: '2.0', id: 'seven', method: 'tools/call', params: { arguments: 'not an object' } },
      { jsonrpc: '2.0', id: 8, method: 'ping' },
    ];
    for (const body of bodies) {
      const sdk = await viaSdk(body);
      expect(sdk).toMatchObject({ status: 200, type: 'application/json' });
      expect(await viaFastPath(body)).toBe(sdk.text);
    }
    // The cases above did cover each kind of answer.
    expect(await viaFastPath(call(3, 'fail'))).toContain('"isError":true');
    expect(await viaFastPath(call(33, 'chatty'))).toContain('"text":"done"');
    expect(await viaFastPath({ jsonrpc: '2.0', id: 4, method: 'no/such/method' })).toContain('"code":-32601');
    expect(await viaFastPath({ jsonrpc: '2.0', id: 'seven', method: 'tools/call', params: { arguments: 'x' } })).toContain('"code":-32602');
  });

  it('answers an SSE client with the bytes of the SDK\'s stateless SSE answer: what the server sent about the request, then the response', async () => {
    newEndpoint();
    const withProgress = { jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'progress', arguments: {}, _meta: { progressToken: 'p-9' } } };
    const bodies = [
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      call(2, 'echo', { text: 'hi' }),
      call(3, 'fail'),
      call(33, 'chatty'), // its notification goes on the request's stream
      { jsonrpc: '2.0', id: 4, method: 'no/such/method' },
      withProgress,
    ];
    for (const body of bodies) {
      const sdk = await viaSdk(body, LOCAL, true);
      expect(sdk).toMatchObject({ status: 200, type: 'text/event-stream' });
      expect(await viaSseExchange(body)).toBe(sdk.text);
    }
    // The cases above did carry messages before the response.
    const progressed = await viaSseExchange(withProgress);
    expect(progressed?.match(/^event: message$/gm)).toHaveLength(3);
    expect(progressed).toContain('"method":"notifications/progress","params":{"progressToken":"p-9","progress":1,"total":2}');
    expect(await viaSseExchange(call(33, 'chatty'))).toContain('notifications/tools/list_changed');
  });

  it('closes the server when the SSE client goes away before the answer, and serves the next request on another', async () => {
    newEndpoint();
    const gone = new AbortController();
    const waiting = viaSseExchange(call(1, 'wait', { text: 'late' }), gone.signal);
    gone.abort();
    expect(await waiting).toBeUndefined();
    openGate();
    expect(await viaSseExchange(call(2, 'echo', { text: 'next' }))).toContain('"text":"next"');
  });

  it('leaves to the SDK transport every post it would not answer itself', async () => {
    newEndpoint();
    const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
    const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'c', version: '1' } } };
    const modern = { ...list, params: { _meta: { [PROTOCOL_VERSION_META_KEY]: '2026-07-28', [CLIENT_CAPABILITIES_META_KEY]: {} } } };
    expect(await viaFastPath(list, { ...JSON_ONLY, accept: 'text/html' })).toBeUndefined();
    expect(await viaFastPath(list, { ...JSON_ONLY, 'mcp-session-id': 'abc' })).toBeUndefined();
    expect(await viaFastPath(list, { ...JSON_ONLY, 'mcp-protocol-version': '1999-01-01' })).toBeUndefined(); // the SDK answers 400
    expect(await viaFastPath([list])).toBeUndefined();
    expect(await viaFastPath({ jsonrpc: '2.0', method: 'notifications/initialized' })).toBeUndefined();
    expect(await viaFastPath(initialize)).toBeUndefined();
    expect(await viaFastPath(modern, { ...JSON_ONLY, 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' })).toBeUndefined();
    expect(await viaFastPath({ ...list, params: { _meta: { progressToken: 'p' } } })).toBeUndefined(); // progress needs a stream
    expect(await viaFastPath({ ...list, params: { _meta: { progressToken: 'p' } } }, SSE_HEADERS, LOCAL, true)).toContain('"tools"'); // which SSE has
    expect(await viaFastPath({ jsonrpc: '1.0', id: 1, method: 'tools/list' })).toBeUndefined();
    expect(await viaFastPath(list, { ...JSON_ONLY, 'mcp-protocol-version': '2025-06-18' })).toContain('"tools"');
  });

  it("hands tools the caller's authInfo, as the SDK transport does", async () => {
    newEndpoint();
    expect(await viaFastPath(call(1, 'whoami'), JSON_ONLY, OAUTH)).toContain('client-7 mcp:tools');
    expect(await viaFastPath(call(1, 'whoami'))).toContain('nobody');
    expect(await viaFastPath(call(1, 'whoami'), JSON_ONLY, OAUTH)).toBe((await viaSdk(call(1, 'whoami'), OAUTH)).text);
  });

  it('gives each of many concurrent requests its own answer, even when they share an id', async () => {
    newEndpoint();
    const texts = Array.from({ length: 40 }, (_, i) => `caller ${i}`);
    const answers = texts.map((text) => viaFastPath(call(1, 'wait', { text })));
    openGate();
    const results = await Promise.all(answers);
    results.forEach((result, i) => expect(JSON.parse(result!).result.content[0].text).toBe(texts[i]));
    // The servers went back to the pool (bounded), ready for the next requests.
    expect(servers!.exchanges.idleCount).toBeGreaterThan(0);
    expect(servers!.exchanges.idleCount).toBeLessThanOrEqual(32);
  });

  it('answers the next request from the catalogue as it is after a change', async () => {
    const names = ['echo'];
    const provider: ToolProvider = { id: 'p', tools: () => tools.filter((tool) => names.includes(tool.name)) };
    const registry = newEndpoint(provider);
    const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
    const listed = async (): Promise<string[]> => JSON.parse((await viaFastPath(list))!).result.tools.map((tool: { name: string }) => tool.name);
    expect(await listed()).toEqual(['echo']);
    names.push('fail');
    registry.replace(provider);
    expect(await listed()).toEqual(['echo', 'fail']);
    expect(await viaFastPath(call(2, 'fail'))).toContain('it failed');
  });

  it('does not answer while the endpoint has no exchange pool', async () => {
    const registry = new ToolRegistry([{ id: 'p', tools: () => tools }]);
    servers = createCatalogueServers(registry);
    endpoint = createMcpEndpoint({ createServer: servers.oneShot });
    expect(await viaFastPath({ jsonrpc: '2.0', id: 1, method: 'tools/list' })).toBeUndefined();
  });
});
