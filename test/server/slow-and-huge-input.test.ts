import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/core/server/index.js';
import { collect, openRaw, rawRequest, requestHead } from '../support/raw-http.js';
import { requestFrom } from '../support/request-from.js';
import { startTestServer, TEST_API_KEY, TOOLS_LIST_BODY } from '../support/test-server.js';

let server: RunningServer & { logs: string[] };
afterEach(() => server?.close());

const MiB = 1024 * 1024;

describe('slow bodies never hold a connection', () => {
  it('cuts a body that does not arrive in full within the request deadline (408)', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY }, { limits: { requestTimeoutMs: 1_000 } });
    const socket = await openRaw(server.port);
    const answer = collect(socket, 10_000);
    // Valid credentials, a body announced as 100 bytes, only 10 of which ever come.
    socket.write(requestHead('POST', '/mcp', server.port, { 'X-API-Key': TEST_API_KEY, 'Content-Type': 'application/json', 'Content-Length': 100 }));
    socket.write('{"jsonrpc"');
    const { status, closed } = await answer;
    expect(closed).toBe(true);
    expect(status).toBe(408);
  });

  it('answers a request without valid credentials 401 before its body arrives, and closes the connection', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY });
    const socket = await openRaw(server.port);
    const answer = collect(socket, 8_000);
    socket.write(requestHead('POST', '/mcp', server.port, { 'X-API-Key': 'wrong', 'Content-Type': 'application/json', 'Content-Length': 1_000_000 }));
    socket.write('{"jsonrpc":"2.0",');
    // The body never completes; the answer and the close must not wait for it (the request deadline is 30 s).
    const { status, closed, headers } = await answer;
    expect(status).toBe(401);
    expect(headers.connection).toBe('close');
    expect(closed).toBe(true);
  });
});

describe('connection caps', () => {
  it('refuses connections over the per-address cap with a readable 503, while other addresses still get in', async () => {
    server = await startTestServer({}, { limits: { maxConnectionsPerAddress: 3 } });
    const held = await Promise.all([0, 1, 2].map(() => openRaw(server.port)));
    const refused = await rawRequest(server.port, requestHead('GET', '/health', server.port, { Connection: 'close' }));
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body).error.code).toBe('TOO_MANY_CONNECTIONS');
    expect(refused.headers['retry-after']).toBe('1');

    const other = await rawRequest(server.port, requestHead('GET', '/health', server.port, { Connection: 'close' }), { localAddress: '127.0.0.2' });
    expect(other.status).toBe(200);

    held[0]!.destroy();
    await expect.poll(async () => (await rawRequest(server.port, requestHead('GET', '/health', server.port, { Connection: 'close' }))).status).toBe(200);
    for (const socket of held) socket.destroy();
  });

  it('refuses connections over the total cap', async () => {
    server = await startTestServer({}, { limits: { maxConnections: 2 } });
    const held = [await openRaw(server.port), await openRaw(server.port, '127.0.0.3')];
    const refused = await rawRequest(server.port, requestHead('GET', '/health', server.port, { Connection: 'close' }), { localAddress: '127.0.0.4' });
    expect(refused.status).toBe(503);
    for (const socket of held) socket.destroy();
  });
});

describe('refusals the client can read', () => {
  it('answers an oversized body with a 413 the client reads instead of a reset', async () => {
    server = await startTestServer();
    const body = Buffer.alloc(10 * MiB, 0x20);
    // Chunked, so the size is only known while reading: the old server reset the connection mid-upload.
    const head = requestHead('POST', '/mcp', server.port, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    const chunk = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
    const answer = await rawRequest(server.port, Buffer.concat([Buffer.from(head), chunk]));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('BODY_TOO_LARGE');
  });

  it('lets a client uploading a declared oversized body read the 413 (no EPIPE)', async () => {
    server = await startTestServer();
    const body = Buffer.alloc(6 * MiB, 0x20);
    const upload = (): Promise<number | string> =>
      requestFrom('127.0.0.1', `${server.url}/mcp`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).then(
        (answer) => answer.status,
        (error: NodeJS.ErrnoException) => error.code ?? error.message,
      );
    // Several at once, so the kernel's socket buffers cannot swallow every upload before the server closes.
    const statuses = await Promise.all(Array.from({ length: 12 }, upload));
    expect(statuses).toEqual(Array(12).fill(413));
  });

  it('answers headers over the size limit with a readable 431', async () => {
    server = await startTestServer();
    const answer = await rawRequest(server.port, requestHead('GET', '/health', server.port, { 'X-Filler': 'x'.repeat(20_000), Connection: 'close' }));
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body).error.code).toBe('HEADERS_TOO_LARGE');
  });

  it('answers two Host headers with 400', async () => {
    server = await startTestServer();
    const head = `GET /tools HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`;
    const answer = await rawRequest(server.port, head);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error.code).toBe('DUPLICATE_HOST');
  });
});

describe('browser-borne requests', () => {
  const post = (headers: Record<string, string>): Promise<Response> =>
    fetch(`${server.url}/mcp`, { method: 'POST', headers, body: TOOLS_LIST_BODY });

  it('refuses a "simple" post from a local page (no CORS preflight) but keeps curl-style posts working', async () => {
    server = await startTestServer();
    const fromPage = await post({ Origin: 'http://localhost:3000', 'Content-Type': 'text/plain' });
    expect(fromPage.status).toBe(403);
    expect(((await fromPage.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN_CONTENT_TYPE');
    expect((await post({ Origin: 'http://localhost:3000', 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(403);
    expect((await post({ Origin: 'http://localhost:3000' })).status).toBe(403);

    expect((await post({ Origin: 'http://localhost:3000', 'Content-Type': 'application/json' })).status).toBe(200);
    expect((await post({ 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(200);
  });
});

describe('SSE answers', () => {
  it('honour Connection: close (hop-by-hop headers are not copied from the SDK response)', async () => {
    server = await startTestServer();
    const head = requestHead('POST', '/mcp', server.port, {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      Connection: 'close',
      'Content-Length': Buffer.byteLength(TOOLS_LIST_BODY),
    });
    const answer = await rawRequest(server.port, head + TOOLS_LIST_BODY, { end: false });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('text/event-stream');
    expect(answer.headers.connection).toBe('close');
    expect(answer.closed).toBe(true);
  });
});

describe('logs of client input', () => {
  it('are bounded in length and in number (a 12 KB protocol version header, sent 40 times)', async () => {
    server = await startTestServer();
    const version = `2026-07-28 forged ${'x'.repeat(12_000)}`;
    for (let i = 0; i < 40; i += 1) {
      await fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'MCP-Protocol-Version': version },
        body: TOOLS_LIST_BODY,
      });
    }
    const lines = server.logs.filter((line) => line.includes('forged'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(20);
    for (const line of lines) expect(line.length).toBeLessThan(400);
  });
});

describe('graceful close', () => {
  it('answers a request already sent on a kept-alive connection when close() starts', async () => {
    server = await startTestServer();
    const socket = await openRaw(server.port);
    const first = new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.write(requestHead('GET', '/health', server.port));
    await first;
    // The connection is now idle; a second request is sent and close() starts before the server has read it.
    const answer = collect(socket, 8_000);
    socket.write(requestHead('GET', '/health', server.port));
    const closing = server.close();
    const { status, headers } = await answer;
    await closing;
    expect(status).toBe(200);
    expect(headers.connection).toBe('close');
  });
});
