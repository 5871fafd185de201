import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/core/server/index.js';
import { requestFrom } from '../support/request-from.js';
import { startTestServer } from '../support/test-server.js';

const PROTOCOL_VERSION = '2025-11-25';
const MCP_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
/** More sessions than the whole table holds (1,000), ten times one client's share (100). */
const FLOOD = 1_001;
const FLOOD_CONCURRENCY = 8;
const FLOODER = '127.0.0.2';

let server: RunningServer | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.close().catch(() => undefined);
  await server?.close();
  client = undefined;
  server = undefined;
});

/** Opens one 2025-11-25 session from `localAddress` with a raw initialize post; returns its id. */
async function openSessionFrom(localAddress: string, url: string): Promise<string> {
  const res = await requestFrom(localAddress, url, {
    method: 'POST',
    headers: MCP_HEADERS,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'flood', version: '1.0.0' } },
    }),
  });
  const id = res.headers['mcp-session-id'];
  if (res.status !== 200 || typeof id !== 'string') throw new Error(`initialize answered ${res.status}: ${res.body.slice(0, 200)}`);
  return id;
}

function toolsListFrom(localAddress: string, url: string, sessionId: string) {
  return requestFrom(localAddress, url, {
    method: 'POST',
    headers: { ...MCP_HEADERS, 'Mcp-Session-Id': sessionId, 'MCP-Protocol-Version': PROTOCOL_VERSION },
    body: '{"jsonrpc":"2.0","id":2,"method":"tools/list"}',
  });
}

describe('sessions per client', () => {
  it('a client opening sessions in a loop evicts only its own, never another client’s', async () => {
    server = await startTestServer();
    const url = `${server.url}/mcp`;
    client = new Client({ name: 'quiet', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);

    const flooded: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: FLOOD_CONCURRENCY }, async () => {
        while (next < FLOOD) {
          next += 1;
          flooded.push(await openSessionFrom(FLOODER, url));
        }
      }),
    );
    expect(flooded).toHaveLength(FLOOD);

    // The quiet client's session (127.0.0.1) still answers.
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    // The flooder keeps its newest sessions; its oldest ones made room.
    expect((await toolsListFrom(FLOODER, url, flooded.at(-1)!)).status).toBe(200);
    expect((await toolsListFrom(FLOODER, url, flooded[0]!)).status).toBe(404);
  }, 60_000);
});
