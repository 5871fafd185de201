import { McpServer, WebStandardStreamableHTTPServerTransport, type CallToolResult } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { ToolRegistry } from '../tools/registry.js';
import type { RawToolDefinition } from '../tools/types.js';
import { writeSseAnswersOnce } from './sse-answers.js';

const tools: RawToolDefinition[] = Array.from({ length: 3 }, (_, i) => ({
  raw: true,
  name: `up__tool_${i}`,
  description: `Upstream tool ${i}: "quoted", \u2028 and </script>`,
  inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
  annotations: { readOnlyHint: true },
  run: async (): Promise<CallToolResult> => ({ content: [{ type: 'text', text: 'ok' }] }),
}));

const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** The SSE text a 2025-11-25 session answers `tools/list` with: ours (`writeSseAnswersOnce`) or the SDK's own. */
async function sessionListing(ours: boolean): Promise<string> {
  const server = new McpServer({ name: 'test', version: '0.0.0' });
  new ToolRegistry([{ id: 'gateway', tools: () => tools }]).registerOn(server);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => 'session-1' });
  // The SDK still has the private writer this replaces (an SDK upgrade that renames it fails here, not for users).
  if (ours) expect(writeSseAnswersOnce(transport)).toBe(true);
  await server.connect(transport);
  const post = (body: unknown, extra: Record<string, string> = {}): Promise<Response> =>
    transport.handleRequest(new Request('http://127.0.0.1/mcp', { method: 'POST', headers: { ...HEADERS, ...extra }, body: JSON.stringify(body) }));
  const init = await post({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
  await init.text();
  const session = { 'mcp-session-id': 'session-1', 'mcp-protocol-version': '2025-11-25' };
  await (await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, session)).text();
  const text = await (await post({ jsonrpc: '2.0', id: 2, method: 'tools/list' }, session)).text();
  await server.close();
  return text;
}

describe('writeSseAnswersOnce', () => {
  it('answers a session tools/list with the very bytes the SDK writes', async () => {
    const ours = await sessionListing(true);
    expect(ours).toBe(await sessionListing(false));
    const data = JSON.parse(ours.split('\n').find((line) => line.startsWith('data: {'))!.slice('data: '.length)) as { result: { tools: { name: string }[] } };
    expect(data.result.tools.map((tool) => tool.name)).toEqual(tools.map((tool) => tool.name));
  });

  it('leaves a transport without the SDK writer it expects as it is', () => {
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => 'session-2' });
    Object.defineProperty(transport, 'writeSSEEvent', { value: undefined });
    expect(writeSseAnswersOnce(transport)).toBe(false);
  });
});
