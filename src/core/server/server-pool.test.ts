import { WebStandardStreamableHTTPServerTransport, type McpServer } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../tools/define-tool.js';
import { ToolRegistry } from '../tools/registry.js';
import { textResult } from '../tools/tool-result.js';
import type { ToolProvider } from '../tools/types.js';
import { createCatalogueServers, oneShotServer } from './catalogue-servers.js';
import { createServerPool } from './server-pool.js';

function provider(id: string, ...names: string[]): ToolProvider {
  const tools = names.map((name) =>
    defineTool({ name, description: `The ${name} tool.`, inputSchema: z.object({}), run: async () => textResult(name) }),
  );
  return { id, tools: () => tools };
}

const JSON_ACCEPT = 'application/json, text/event-stream';

/** One stateless exchange on `server`, as the endpoint serves a sessionless JSON post; the transport closes after it. */
async function serveOnce(server: McpServer, body: unknown, accept = JSON_ACCEPT): Promise<{ status: number; json: unknown }> {
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    const request = new Request('http://127.0.0.1/mcp', { method: 'POST', headers: { 'content-type': 'application/json', accept } });
    const response = await transport.handleRequest(request, { parsedBody: body });
    return { status: response.status, json: await response.json() };
  } finally {
    await transport.close();
  }
}

const LIST = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

function toolNames(json: unknown): string[] {
  return (json as { result: { tools: { name: string }[] } }).result.tools.map((tool) => tool.name);
}

describe('createServerPool', () => {
  it('serves the next exchange with the server whose exchange ended', async () => {
    const registry = new ToolRegistry([provider('p', 'alpha')]);
    const pool = createServerPool({ build: () => oneShotServer(registry), maxIdle: 4 });
    const first = pool.acquire();
    expect(toolNames((await serveOnce(first, LIST)).json)).toEqual(['alpha']);
    expect(pool.idleCount).toBe(1);
    const second = pool.acquire();
    expect(second).toBe(first);
    expect(toolNames((await serveOnce(second, { ...LIST, id: 2 })).json)).toEqual(['alpha']);
  });

  it('builds another server for a request arriving while every server is busy, and keeps at most maxIdle', async () => {
    const registry = new ToolRegistry([provider('p', 'alpha')]);
    const pool = createServerPool({ build: () => oneShotServer(registry), maxIdle: 1 });
    const busy = pool.acquire();
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await busy.connect(transport);
    const other = pool.acquire();
    expect(other).not.toBe(busy);
    expect(toolNames((await serveOnce(other, LIST)).json)).toEqual(['alpha']);
    await transport.close();
    // `other` came back first; the pool was then full, so `busy` was dropped.
    expect(pool.idleCount).toBe(1);
    expect(pool.acquire()).toBe(other);
  });

  it('does not take back a server that reported an error during its exchange', async () => {
    const registry = new ToolRegistry([provider('p', 'alpha')]);
    const pool = createServerPool({ build: () => oneShotServer(registry), maxIdle: 4 });
    const server = pool.acquire();
    // The transport refuses a client that does not accept JSON and SSE, and reports it as an error.
    expect((await serveOnce(server, LIST, 'text/html')).status).toBe(406);
    expect(pool.idleCount).toBe(0);
    expect(pool.acquire()).not.toBe(server);
  });
});

describe('createCatalogueServers pools', () => {
  it('serve a catalogue change at once: idle servers are dropped, busy ones are not taken back', async () => {
    const registry = new ToolRegistry([provider('p', 'alpha')]);
    const servers = createCatalogueServers(registry);
    const idle = servers.pooled('legacy');
    await serveOnce(idle, LIST);
    const busy = servers.pooled('legacy');
    expect(busy).toBe(idle);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await busy.connect(transport);
    const spare = servers.pooled('legacy');
    await serveOnce(spare, LIST);

    registry.add(provider('q', 'beta'));
    await transport.close();
    const next = servers.pooled('legacy');
    expect(next).not.toBe(busy);
    expect(next).not.toBe(spare);
    expect(toolNames((await serveOnce(next, LIST)).json)).toEqual(['alpha', 'beta']);
    servers.close();
  });

  it('keep one pool per protocol era', async () => {
    const registry = new ToolRegistry([provider('p', 'alpha')]);
    const servers = createCatalogueServers(registry);
    const legacy = servers.pooled('legacy');
    await serveOnce(legacy, LIST);
    expect(servers.pooled('modern')).not.toBe(legacy);
    expect(servers.pooled('legacy')).toBe(legacy);
    servers.close();
  });
});
