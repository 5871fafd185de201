import { afterEach, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from './testing/pipeline.js';
import { createRateLimiter } from '../rate-limit/index.js';

const KEY = 'pipeline-key-0123456789abcdef';
const TOOLS_LIST = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}';

/**
 * The request pipeline in one process, without the CLI or `startServer`:
 * Host/Origin guard › auth › rate limit › MCP, with metrics counting every
 * refusal where it becomes a response. The clock of the limiter stands still,
 * so the bucket never refills during the test.
 */
const pipeline = (): Promise<Pipeline> => startPipeline(KEY, { limiter: createRateLimiter({ rps: 1, burst: 2, now: () => 0 }) });

let running: Pipeline | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const post = (url: string, headers: Record<string, string>): Promise<Response> =>
  fetch(`${url}/mcp`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: TOOLS_LIST });

describe('auth › rate limit › MCP, in process', () => {
  it('refuses without a key, serves with it, then limits that key, counting each refusal once', async () => {
    running = await pipeline();
    const { url, metrics } = running;

    const missing = await post(url, {});
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('AUTH_MISSING_KEY');

    for (let i = 0; i < 2; i += 1) {
      const served = await post(url, { 'X-API-Key': KEY });
      expect(served.status).toBe(200);
      const { result } = (await served.json()) as { result: { tools: { name: string }[] } };
      expect(result.tools.map((t) => t.name)).toContain('get_current_time');
    }

    const limited = await post(url, { 'X-API-Key': KEY });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await limited.body?.cancel();

    const { rejections, requests } = metrics.snapshot();
    expect(requests.byPath.mcp).toBe(4);
    expect(rejections.byStatus['401']?.byReason).toEqual({ AUTH_MISSING_KEY: 1 });
    expect(rejections.byStatus['429']?.total).toBe(1);
  });

  it('a wrong key spends from the address bucket, not from the key holder’s', async () => {
    running = await pipeline();
    const { url } = running;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await post(url, { 'X-API-Key': 'wrong' })).status);
    expect(statuses).toEqual([401, 401, 429]);
    expect((await post(url, { 'X-API-Key': KEY })).status).toBe(200);
  });

  it('refuses a foreign Origin before auth, and spends no one’s tokens', async () => {
    running = await pipeline();
    const { url, metrics } = running;
    const refused = await fetch(`${url}/mcp`, { method: 'POST', headers: { Origin: 'https://evil.example', 'X-API-Key': KEY }, body: TOOLS_LIST });
    expect(refused.status).toBe(403);
    await refused.body?.cancel();
    expect(metrics.snapshot().rejections.byStatus['403']?.byReason).toEqual({ FORBIDDEN_ORIGIN: 1 });
    expect((await post(url, { 'X-API-Key': KEY })).status).toBe(200);
    expect((await post(url, { 'X-API-Key': KEY })).status).toBe(200);
  });
});
