import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toActivityView } from '../../src/ui-backend/activity-view.js';
import { startTestServer } from '../support/test-server.js';
import { fixtureUpstream } from './support.js';

const ECHO = fixtureUpstream('echo', [], { callTimeoutMs: 1_000 });

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.close().catch(() => undefined);
  await server?.close();
  server = client = undefined;
});

describe('Activity counts the calls agents make to upstream servers', () => {
  it('shows successes and errors per server and tool after real calls through the toolkit', async () => {
    const state = mkdtempSync(join(tmpdir(), 'mcp-gateway-activity-'));
    server = await startTestServer({ servers: [ECHO] }, { gateway: { stateDir: state, pinsFile: join(state, 'tool-pins.json') } });
    client = new Client({ name: 'activity', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
    await vi.waitFor(
      async () => {
        if (!(await client!.listTools()).tools.some((tool) => tool.name === 'echo__crash')) throw new Error('echo tools not listed yet');
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(toActivityView(server.metrics.snapshot()).upstreamCalls).toEqual([]);

    for (const text of ['one', 'two']) expect((await client.callTool({ name: 'echo__echo', arguments: { text } })).isError).toBeFalsy();
    expect((await client.callTool({ name: 'echo__slow', arguments: { ms: 60_000 } })).isError).toBe(true); // past the 1 s timeout
    expect((await client.callTool({ name: 'echo__crash', arguments: {} })).isError).toBe(true); // the upstream exits mid-call

    const view = toActivityView(server.metrics.snapshot());
    expect(view.upstreamCalls).toEqual([
      { server: 'echo', tool: 'echo', ok: 2, errors: 0, total: 2, byOutcome: { ok: 2 } },
      { server: 'echo', tool: 'crash', ok: 0, errors: 1, total: 1, byOutcome: { error: 1 } },
      { server: 'echo', tool: 'slow', ok: 0, errors: 1, total: 1, byOutcome: { timeout: 1 } },
    ]);
    expect(view.upstreamLatency).toEqual([{ server: 'echo', timedCalls: 4, meanLatencyMs: expect.any(Number) }]);
    expect(view.upstreamLatency[0]!.meanLatencyMs).toBeGreaterThanOrEqual(250); // the timed-out call alone took 1 s of the 4 calls' time
  });
});
