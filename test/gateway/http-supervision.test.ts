/**
 * Supervision of remote (Streamable HTTP) upstreams against a real v1 SDK
 * server on 127.0.0.1.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createRestartPolicy } from '../../src/core/gateway/restart-policy.js';
import { createUpstreamConnection, type UpstreamConnection, type UpstreamConnectionOptions, type UpstreamStatus } from '../../src/core/gateway/upstream-connection.js';
import { waitForState } from './support.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function connect(options: UpstreamConnectionOptions): UpstreamConnection {
  const connection = createUpstreamConnection({ report: () => undefined, ...options });
  closers.push(() => connection.stop());
  return connection;
}

/** A stateless Streamable HTTP MCP server with an `echo` tool; records the headers of each request. */
async function startRemote(): Promise<{ url: string; headers: IncomingHttpHeaders[] }> {
  const headers: IncomingHttpHeaders[] = [];
  const server: Server = createServer((request, response) => {
    headers.push(request.headers);
    const mcp = new McpServer({ name: 'remote-fixture', version: '1.0.0' });
    mcp.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.on('close', () => void transport.close());
    void mcp.connect(transport).then(() => transport.handleRequest(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`, headers };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('remote upstream supervision', () => {
  it('connects with its static headers, a secret filled in, and calls a tool', async () => {
    const remote = await startRemote();
    const connection = connect({
      spec: { kind: 'http', name: 'remote', url: remote.url, headers: { Authorization: 'Bearer ${secret:REMOTE_TOKEN}', 'X-Team': 'blue' } },
      secrets: { REMOTE_TOKEN: 'tok-123' },
    });
    connection.start();
    await waitForState(connection, 'running');
    const result = await connection.client()?.callTool({ name: 'echo', arguments: { text: 'over http' } });
    expect(result?.content).toEqual([{ type: 'text', text: 'over http' }]);
    expect(remote.headers.length).toBeGreaterThan(0);
    for (const seen of remote.headers) expect(seen).toMatchObject({ authorization: 'Bearer tok-123', 'x-team': 'blue' });
  });

  it('retries a server that cannot be reached, then stays crashed with a readable error', async () => {
    const port = await closedPort();
    const connection = connect({
      spec: { kind: 'http', name: 'away', url: `http://127.0.0.1:${port}/mcp?token=not-shown`, headers: {} },
      policy: createRestartPolicy({ initialDelayMs: 20, maxCrashes: 3 }),
    });
    const seen: UpstreamStatus[] = [];
    connection.onStateChange((status) => seen.push(status));
    connection.start();
    await vi.waitFor(() => expect(seen.filter((status) => status.state === 'crashed')).toHaveLength(3), { timeout: 15_000 });
    expect(seen.map((status) => status.state)).toEqual(['starting', 'crashed', 'starting', 'crashed', 'starting', 'crashed']);
    expect(seen[1]?.retryAt).toBeDefined();
    const last = connection.status();
    expect(last.retryAt).toBeUndefined();
    expect(last.lastError).toMatch(new RegExp(`^could not connect to http://127\\.0\\.0\\.1:${port}: .+ three times in 60 s$`));
    expect(last.lastError).not.toContain('not-shown');
  });

  it('does not connect, nor retry, when a header names a secret that is not set', async () => {
    const remote = await startRemote();
    const connection = connect({ spec: { kind: 'http', name: 'nokey', url: remote.url, headers: { Authorization: 'Bearer ${secret:MISSING}' } } });
    connection.start();
    await waitForState(connection, 'crashed');
    expect(connection.status()).toMatchObject({ lastError: 'the secret `MISSING` named in a header is not set' });
    expect(connection.status().retryAt).toBeUndefined();
    expect(remote.headers).toHaveLength(0);
  });
});
