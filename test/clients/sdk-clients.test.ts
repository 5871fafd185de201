import { afterEach, describe, expect, it } from 'vitest';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as HttpTransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport as StdioTransportV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { Client as ClientV2, StreamableHTTPClientTransport as HttpTransportV2 } from '@modelcontextprotocol/client';
import { StdioClientTransport as StdioTransportV2 } from '@modelcontextprotocol/client/stdio';
import { z } from 'zod';
import type { RunningServer } from '../../src/core/server/index.js';
import { defineTool } from '../../src/core/tools/define-tool.js';
import type { ToolProvider } from '../../src/core/tools/types.js';
import { CLI, cliMissing } from '../support/paths.js';
import { startTestServer, TEST_API_KEY } from '../support/test-server.js';

let server: RunningServer | undefined;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close().catch(() => undefined);
  await server?.close();
  server = undefined;
});

/** A tool that asks the client's model for a completion: only possible over a real 2025 session. */
const samplingProvider: ToolProvider = {
  id: 'test-sampling',
  tools: () => [
    defineTool({
      name: 'ask_model',
      description: 'Asks the client model a question (server-to-client sampling request).',
      inputSchema: z.object({ question: z.string() }),
      async run({ question }, ctx) {
        const answer = await ctx.mcpReq.requestSampling({
          messages: [{ role: 'user', content: { type: 'text', text: question } }],
          maxTokens: 20,
        });
        const text = answer.content && 'text' in answer.content ? String(answer.content.text) : '?';
        return { content: [{ type: 'text', text: `model said: ${text}` }] };
      },
    }),
  ],
};

function textOf(result: unknown): string {
  const content = (result as { content: { type: string; text?: string }[] }).content;
  return content.map((c) => c.text ?? '').join('');
}

describe('v1 SDK Client (what most agents embed) over Streamable HTTP', () => {
  it('opens a 2025-11-25 session with X-API-Key, lists and calls tools, and answers a sampling request', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY }, { providers: [samplingProvider] });
    const transport = new HttpTransportV1(new URL(`${server.url}/mcp`), { requestInit: { headers: { 'X-API-Key': TEST_API_KEY } } });
    const client = new ClientV1({ name: 'v1-test', version: '1.0.0' }, { capabilities: { sampling: {} } });
    client.setRequestHandler(CreateMessageRequestSchema, async () => ({
      role: 'assistant',
      content: { type: 'text', text: 'forty-two' },
      model: 'test-model',
    }));
    await client.connect(transport);
    closers.push(() => client.close());

    expect(transport.sessionId).toMatch(/^[\x21-\x7e]{16,}$/);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['get_current_time', 'convert_time', 'ask_model']));

    const time = await client.callTool({ name: 'get_current_time', arguments: { timezone: 'Europe/Paris' } });
    expect(time.isError).toBeFalsy();
    expect(textOf(time)).toContain('Europe/Paris');

    const sampled = await client.callTool({ name: 'ask_model', arguments: { question: 'meaning of life?' } });
    expect(textOf(sampled)).toBe('model said: forty-two');
  });

  it('is refused without the key', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY });
    const client = new ClientV1({ name: 'v1-test', version: '1.0.0' });
    await expect(client.connect(new HttpTransportV1(new URL(`${server.url}/mcp`)))).rejects.toThrow(/401|Unauthorized|API key/i);
  });

  it('keeps sessions to the client that opened them and ends them on DELETE', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY });
    const transport = new HttpTransportV1(new URL(`${server.url}/mcp`), { requestInit: { headers: { 'X-API-Key': TEST_API_KEY } } });
    const client = new ClientV1({ name: 'v1-test', version: '1.0.0' });
    await client.connect(transport);
    const sessionId = transport.sessionId!;

    await transport.terminateSession();
    const after = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        'X-API-Key': TEST_API_KEY,
        'Mcp-Session-Id': sessionId,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        'MCP-Protocol-Version': '2025-11-25',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/list' }),
    });
    expect(after.status).toBe(404);
    await client.close();
  });
});

describe('v2 Client in its 2026-07-28 mode over Streamable HTTP', () => {
  it('lists and calls tools statelessly with X-API-Key', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY });
    const client = new ClientV2({ name: 'v2-test', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    const transport = new HttpTransportV2(new URL(`${server.url}/mcp`), { requestInit: { headers: { 'X-API-Key': TEST_API_KEY } } });
    await client.connect(transport);
    closers.push(() => client.close());

    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    expect(transport.sessionId).toBeUndefined();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('convert_time');
    const result = await client.callTool({
      name: 'convert_time',
      arguments: { time: '2026-01-15T12:00:00', source_timezone: 'UTC', target_timezone: 'Asia/Tokyo' },
    });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toContain('21:00');
  });
});

describe.skipIf(cliMissing())('the same tools over stdio (`mcp-toolkit stdio`)', () => {
  const env = { ...process.env, MCP_TOOLKIT_HOME: '/nonexistent-mcp-toolkit-home' } as Record<string, string>;

  it('serves the v1 Client', async () => {
    const client = new ClientV1({ name: 'v1-stdio', version: '1.0.0' });
    await client.connect(new StdioTransportV1({ command: process.execPath, args: [CLI, 'stdio'], env, stderr: 'pipe' }));
    closers.push(() => client.close());
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['get_current_time', 'get_system_info', 'list_directory']));
    const info = await client.callTool({ name: 'get_system_info', arguments: {} });
    expect(info.isError).toBeFalsy();
  });

  it('serves the v2 Client in its 2026-07-28 mode', async () => {
    const client = new ClientV2({ name: 'v2-stdio', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(new StdioTransportV2({ command: process.execPath, args: [CLI, 'stdio'], env, stderr: 'pipe' }));
    closers.push(() => client.close());
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('file_info');
    const time = await client.callTool({ name: 'get_current_time', arguments: { timezone: 'UTC' } });
    expect(textOf(time)).toContain('UTC');
  });
});
