import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UpstreamSettings } from '../../src/shared/gateway-types.js';
import { startTestServer } from '../support/test-server.js';
import { FIXTURES, fixtureUpstream } from './support.js';

const fixture = fixtureUpstream;

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.close().catch(() => undefined);
  await server?.close();
  server = client = undefined;
});

async function serve(servers: UpstreamSettings[]): Promise<{ server: Server; client: Client }> {
  const state = mkdtempSync(join(tmpdir(), 'mcp-gateway-faults-'));
  server = await startTestServer({ servers }, { gateway: { stateDir: state, pinsFile: join(state, 'tool-pins.json') } });
  client = new Client({ name: 'faults', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
  return { server, client };
}

async function listed(client: Client, name: string): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await client.listTools()).tools.some((tool) => tool.name === name)) throw new Error(`${name} not listed yet`);
    },
    { timeout: 20_000, interval: 100 },
  );
}

const text = (result: unknown): string => JSON.stringify((result as { content?: unknown }).content);

describe('upstream faults never hang a client nor delay the built-in tools', () => {
  it('serves the built-in tools at once while one upstream never answers initialize and another command does not exist', async () => {
    const { server, client } = await serve([
      { ...fixture('silent'), args: [`${FIXTURES}/silent-server.mjs`] },
      { ...fixture('missing'), command: 'no-such-mcp-server-command' },
    ]);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('get_current_time');
    await vi.waitFor(() => {
      const missing = server.gateway.views().find((view) => view.name === 'missing')!;
      expect(missing.state).toBe('crashed');
      expect(missing.lastError).toContain('no-such-mcp-server-command');
    }, { timeout: 10_000 });
    expect(server.gateway.views().find((view) => view.name === 'silent')!.state).toBe('starting');
  });

  it('keeps working with an upstream that writes garbage to stdout', async () => {
    const { client } = await serve([fixture('noisy', ['--garbage'])]);
    await listed(client, 'noisy__echo');
    const result = await client.callTool({ name: 'noisy__echo', arguments: { text: 'clean answer' } });
    expect(result.content).toEqual([{ type: 'text', text: 'clean answer' }]);
  });

  it('ends a hung call after the server’s timeout with a tool error, logged under its upstream', async () => {
    const { server, client } = await serve([fixture('hung', [], { callTimeoutMs: 1_000 })]);
    await listed(client, 'hung__slow');
    const result = await client.callTool({ name: 'hung__slow', arguments: { ms: 60_000 } });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain('upstream `hung` did not answer `slow` within 1 s');
    // The Activity call log names the upstream the served tool leads to.
    const logged = server.metrics.callsSince(0).calls.filter((call) => call.tool === 'hung__slow');
    expect(logged).toMatchObject([{ method: 'tools/call', server: 'hung', status: 200, outcome: 'tool_error' }]);
    expect(logged[0]!.latencyMs).toBeGreaterThanOrEqual(900);
  });

  it('answers 100 concurrent calls across three upstreams, each with its own answer, and counts them per upstream in /metrics', async () => {
    const { server, client } = await serve([fixture('a'), fixture('b'), fixture('c')]);
    for (const name of ['a', 'b', 'c']) await listed(client, `${name}__echo`);
    const calls = Array.from({ length: 100 }, (_, i) => {
      const upstream = ['a', 'b', 'c'][i % 3]!;
      return client.callTool({ name: `${upstream}__echo`, arguments: { text: `${upstream}-${i}` } }).then((result) => [upstream, i, result] as const);
    });
    for (const [upstream, i, result] of await Promise.all(calls)) expect(result.content).toEqual([{ type: 'text', text: `${upstream}-${i}` }]);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('mcp_toolkit_upstream_calls_total{outcome="ok",server="a",tool="echo"} 34');
    expect(metrics).toContain('mcp_toolkit_upstream_calls_total{outcome="ok",server="b",tool="echo"} 33');
    expect(metrics).toMatch(/mcp_toolkit_upstream_call_seconds_total\{server="c"\} \d/);
  });

  it('passes a 10 MB tool result through', async () => {
    const { client } = await serve([fixture('big')]);
    await listed(client, 'big__big');
    const result = await client.callTool({ name: 'big__big', arguments: { mb: 10 } });
    expect((result.content as { text: string }[])[0]!.text.length).toBe(10 * 1024 * 1024);
  });
});
