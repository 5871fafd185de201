import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/core/server/index.js';
import { startTestServer, TEST_API_KEY, TOOLS_LIST_BODY } from '../support/test-server.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A bare post as curl sends it: form content type, `Accept: *\/*`. */
function curlLikePost(url: string, headers: Record<string, string> = {}, body = TOOLS_LIST_BODY): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: '*/*', ...headers },
    body,
  });
}

describe('GET /health', () => {
  it('is open even in api_key mode and names version and auth mode', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY });
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', auth: 'api_key', version: expect.any(String) });
  });

  it('is exempt from rate limiting', async () => {
    server = await startTestServer({ rateLimit: { rps: 1, burst: 1 } });
    const statuses = await Promise.all(Array.from({ length: 5 }, () => fetch(`${server!.url}/health`).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });
});

describe('api_key mode', () => {
  it('answers 401 naming a missing key, then a wrong key, without echoing it', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY });
    const missing = await fetch(`${server.url}/tools`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: { code: 'AUTH_MISSING_KEY', message: expect.stringContaining('X-API-Key') } });

    const wrongKey = 'wrong-key-that-must-not-be-echoed';
    const wrong = await fetch(`${server.url}/tools`, { headers: { 'X-API-Key': wrongKey } });
    expect(wrong.status).toBe(401);
    const text = await wrong.text();
    expect(JSON.parse(text).error.code).toBe('AUTH_INVALID_KEY');
    expect(text).not.toContain(wrongKey);
  });

  it('lists tools on /tools and /mcp with the right key', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY });
    const rest = await fetch(`${server.url}/tools`, { headers: { 'X-API-Key': TEST_API_KEY } });
    expect(rest.status).toBe(200);
    const { tools } = (await rest.json()) as { tools: { name: string; inputSchema: unknown }[] };
    expect(tools.map((t) => t.name)).toContain('get_current_time');
    expect(tools.every((t) => typeof t.inputSchema === 'object')).toBe(true);

    const rpc = await curlLikePost(`${server.url}/mcp`, { 'X-API-Key': TEST_API_KEY });
    expect(rpc.status).toBe(200);
    expect(rpc.headers.get('content-type')).toContain('application/json');
    const body = (await rpc.json()) as { id: number; result: { tools: { name: string }[] } };
    expect(body.id).toBe(1);
    expect(body.result.tools.map((t) => t.name).sort()).toEqual(tools.map((t) => t.name).sort());
  });

  it('counts each 401 with its reason and serves Prometheus text behind the same auth', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY });
    await fetch(`${server.url}/tools`);
    await fetch(`${server.url}/tools`, { headers: { 'X-API-Key': 'nope-nope-nope-nope' } });
    await fetch(`${server.url}/tools`, { headers: { 'X-API-Key': 'nope-nope-nope-nope' } });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);

    const res = await fetch(`${server.url}/metrics`, { headers: { 'X-API-Key': TEST_API_KEY } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/reason="AUTH_MISSING_KEY"[^\n]*\} 2\n/);
    expect(text).toMatch(/reason="AUTH_INVALID_KEY"[^\n]*\} 2\n/);
    expect(text).not.toContain(TEST_API_KEY);
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once the burst is spent, per client', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY, rateLimit: { rps: 0.5, burst: 3 } });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i += 1) {
      last = await fetch(`${server.url}/tools`, { headers: { 'X-API-Key': TEST_API_KEY } });
      statuses.push(last.status);
      if (i < 4) await last.body?.cancel();
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await last!.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });

  it('limits failed credentials by address, so guessing keys cannot escape the limit', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY, rateLimit: { rps: 0.5, burst: 2 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const res = await fetch(`${server.url}/tools`, { headers: { 'X-API-Key': `guess-${i}-xxxxxxxxxxxxxxxx` } });
      statuses.push(res.status);
      await res.body?.cancel();
    }
    expect(statuses).toEqual([401, 401, 429, 429]);
  });
});

describe('bad requests never crash the server', () => {
  it('answers unknown paths 404, wrong methods 405 with Allow, bad JSON 400, huge bodies 413', async () => {
    server = await startTestServer();
    const notFound = await fetch(`${server.url}/nope`);
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');

    const wrongMethod = await fetch(`${server.url}/tools`, { method: 'PUT' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    await wrongMethod.body?.cancel();

    const badJson = await curlLikePost(`${server.url}/mcp`, {}, '{"jsonrpc": "2.0", ');
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { code: number } }).error.code).toBe(-32700);

    const huge = await curlLikePost(`${server.url}/mcp`, {}, `{"x":"${'a'.repeat(5 * 1024 * 1024)}"}`).catch((e: Error) => e);
    if (huge instanceof Response) expect(huge.status).toBe(413);
    else expect(huge.message).toMatch(/fetch failed|socket|reset/i); // the server may cut the upload short after answering

    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
  });
});

describe('DNS-rebinding protection', () => {
  it('refuses a foreign Origin and a foreign Host with 403, allows local ones', async () => {
    server = await startTestServer();
    const foreignOrigin = await curlLikePost(`${server.url}/mcp`, { Origin: 'https://evil.example' });
    expect(foreignOrigin.status).toBe(403);
    await foreignOrigin.body?.cancel();

    // A local page (the Inspector's UI) posts JSON, so the browser had to ask for a CORS preflight first.
    const localOrigin = await curlLikePost(`${server.url}/mcp`, { Origin: 'http://localhost:6274', 'Content-Type': 'application/json' });
    expect(localOrigin.status).toBe(200);
    await localOrigin.body?.cancel();

    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server!.url}/tools`, { headers: { Host: 'evil.example:8000' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('accepts hosts and origins the user allowed for a reverse proxy', async () => {
    server = await startTestServer({ allowedHosts: ['mcp.example.com'], allowedOrigins: ['https://app.example.com'] });
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${server!.url}/tools`,
        { headers: { Host: 'mcp.example.com', Origin: 'https://app.example.com' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
  });
});
