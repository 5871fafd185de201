import { CLIENT_CAPABILITIES_META_KEY, CLIENT_INFO_META_KEY, PROTOCOL_VERSION_META_KEY } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../tools/define-tool.js';
import { ToolRegistry } from '../tools/registry.js';
import { textResult } from '../tools/tool-result.js';
import { createCatalogueServers, oneShotServer, type StatelessEra } from './catalogue-servers.js';
import { createMcpEndpoint, type McpEndpoint } from './mcp-endpoint.js';

const echo = defineTool({ name: 'echo', description: 'Echoes.', inputSchema: z.object({}), run: async () => textResult('echo') });

let endpoint: McpEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

/** An endpoint over real servers that notes which kind each stateless exchange got. */
function countingEndpoint(): { taken: string[] } {
  const registry = new ToolRegistry([{ id: 'p', tools: () => [echo] }]);
  const servers = createCatalogueServers(registry);
  const taken: string[] = [];
  endpoint = createMcpEndpoint({
    createServer: () => {
      taken.push('fresh');
      return oneShotServer(registry);
    },
    pooledServer: (era: StatelessEra) => {
      taken.push(`pooled ${era}`);
      return servers.pooled(era);
    },
  });
  return { taken };
}

const MODERN = '2026-07-28';

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const request = new Request('http://127.0.0.1/mcp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
  });
  const response = await endpoint!.handle({ request, body, acceptsSse: false, principal: { clientKey: 'ip:127.0.0.1', label: 'local' } });
  await response.text();
  return response;
}

function modernList(meta: Record<string, unknown>): unknown {
  return { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { [PROTOCOL_VERSION_META_KEY]: MODERN, [CLIENT_CAPABILITIES_META_KEY]: {}, ...meta } } };
}

describe('the MCP endpoint with pooled servers', () => {
  it('serves sessionless 2025 posts from the legacy pool, except a batch holding an initialize', async () => {
    const { taken } = countingEndpoint();
    expect((await post({ jsonrpc: '2.0', id: 1, method: 'tools/list' })).status).toBe(200);
    await post([{ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'c', version: '1' } } }]);
    expect(taken).toEqual(['pooled legacy', 'fresh']);
  });

  it('serves 2026-07-28 requests that name their client from the modern pool, others from a fresh server', async () => {
    const { taken } = countingEndpoint();
    const headers = { 'mcp-protocol-version': MODERN, 'mcp-method': 'tools/list' };
    const named = modernList({ [CLIENT_INFO_META_KEY]: { name: 'c', version: '1' } });
    expect((await post(named, headers)).status).toBe(200);
    expect((await post(modernList({}), headers)).status).toBe(200);
    // The pooled server came back when its exchange ended, and serves again.
    expect((await post(named, headers)).status).toBe(200);
    expect(taken).toEqual(['pooled modern', 'fresh', 'pooled modern']);
  });
});
