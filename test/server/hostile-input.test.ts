import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/core/server/index.js';
import { rawRequest } from '../support/raw-http.js';
import { startTestServer, TEST_API_KEY } from '../support/test-server.js';

/** Sends raw bytes and returns the status code of the answer (0 when the server just closed). */
async function rawStatus(port: number, bytes: string): Promise<number> {
  return (await rawRequest(port, bytes)).status;
}

function post(port: number, body: string, headers: Record<string, string> = {}): Promise<number> {
  const lines = [
    'POST /mcp HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    `X-API-Key: ${TEST_API_KEY}`,
    'Content-Type: application/json',
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  return rawStatus(port, `${lines.join('\r\n')}\r\n\r\n${body}`);
}

describe('hostile or odd input never yields a 500 or kills the server', () => {
  let server: RunningServer;
  let port: number;
  beforeAll(async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY });
    port = server.port;
  });
  afterAll(() => server.close());

  it.each([
    ['a JSON number', '42'],
    ['null', 'null'],
    ['an empty array', '[]'],
    ['a batch of junk', '[1, "x", null]'],
    ['a request without method', '{"jsonrpc":"2.0","id":1}'],
    ['an unknown method', '{"jsonrpc":"2.0","id":1,"method":"no/such"}'],
    ['a wrong JSON-RPC version', '{"jsonrpc":"1.0","id":1,"method":"tools/list"}'],
    ['a huge id', `{"jsonrpc":"2.0","id":${'9'.repeat(400)},"method":"tools/list"}`],
    ['a tools/call with bad arguments', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"convert_time","arguments":{"time":[]}}}'],
    ['a tools/call for an unknown tool', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"rm_rf","arguments":{}}}'],
    ['deeply nested JSON', `${'['.repeat(5_000)}${']'.repeat(5_000)}`],
    ['an empty body', ''],
  ])('answers %s with a 2xx or 4xx', async (_name, body) => {
    const status = await post(port, body);
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(500);
  });

  it('answers odd headers with a 4xx or a plain answer', async () => {
    const statuses = [
      await post(port, '{"jsonrpc":"2.0","id":1,"method":"tools/list"}', { 'Mcp-Session-Id': '\u00ff\u00fe' }),
      await post(port, '{"jsonrpc":"2.0","id":1,"method":"tools/list"}', { 'MCP-Protocol-Version': '1999-01-01' }),
      await post(port, '{"jsonrpc":"2.0","id":1,"method":"tools/list"}', { Origin: 'null' }),
      await post(port, '{"jsonrpc":"2.0","id":1,"method":"tools/list"}', { Accept: 'text/html' }),
      await rawStatus(port, `GET /%zz%00/../mcp?x=%ff HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
      await rawStatus(port, `BREW /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
    ];
    for (const status of statuses) expect(status === 0 || (status >= 200 && status < 500)).toBe(true);
  });

  it('is still healthy afterwards', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
