import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemorySecretStore, type SecretStore } from '../../src/core/keychain/index.js';
import { createNamedKeys } from '../../src/core/keys/named-keys.js';
import { startTestServer } from '../support/test-server.js';

let dir: string;
let indexFile: string;
let secrets: SecretStore;
let server: Awaited<ReturnType<typeof startTestServer>> | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'named-keys-server-'));
  indexFile = join(dir, 'keys.json');
  secrets = createMemorySecretStore();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true, maxRetries: 10 });
});

/** One real HTTP request to `/tools` with `key`; its status and error code. */
async function call(key: string): Promise<string> {
  const res = await fetch(`${server!.url}/tools`, { headers: { 'X-API-Key': key } });
  const body = (await res.json()) as { error?: { code?: string } };
  return res.status === 200 ? '200' : `${res.status} ${body.error?.code ?? ''}`;
}

describe('one key per agent (api_key mode)', () => {
  it('gives each key its own rate-limit bucket and its name in the rejections', async () => {
    // Keys made beforehand by "the CLI" (another NamedKeys over the same keychain and index).
    const cli = createNamedKeys({ secrets, indexFile });
    const cursor = await cli.create('cursor');
    const zed = await cli.create('zed');
    server = await startTestServer({ auth: 'api_key', rateLimit: { rps: 1, burst: 1 } }, { secrets, keysIndexFile: indexFile });

    expect(await call(cursor)).toBe('200');
    expect(await call(cursor)).toBe('429 RATE_LIMITED');
    expect(await call(cursor)).toBe('429 RATE_LIMITED');
    // cursor's 429s leave zed's bucket full.
    expect(await call(zed)).toBe('200');

    const recent = server.metrics.snapshot().recent;
    expect(recent.filter((rejection) => rejection.status === 429).map((rejection) => rejection.client)).toEqual(['cursor', 'cursor']);
    expect(server.logs.join('\n')).not.toContain(cursor);
  });

  it('refuses a key revoked by another process from its next request', async () => {
    const cli = createNamedKeys({ secrets, indexFile });
    const zed = await cli.create('zed');
    server = await startTestServer({ auth: 'api_key', rateLimit: { rps: 0 } }, { secrets, keysIndexFile: indexFile });
    expect(await call(zed)).toBe('200');

    await createNamedKeys({ secrets, indexFile }).revoke('zed');
    await vi.waitFor(async () => expect(await call(zed)).toBe('401 AUTH_INVALID_KEY'), { timeout: 5_000, interval: 25 });
    // A key created afterwards works without a restart.
    const cline = await createNamedKeys({ secrets, indexFile }).create('cline');
    await vi.waitFor(async () => expect(await call(cline)).toBe('200'), { timeout: 5_000, interval: 25 });
  });

  it('binds a session to the key name that opened it: another agent\'s key cannot use it', async () => {
    const cli = createNamedKeys({ secrets, indexFile });
    const [cursor, zed] = [await cli.create('cursor'), await cli.create('zed')];
    server = await startTestServer({ auth: 'api_key' }, { secrets, keysIndexFile: indexFile });
    const post = (key: string, body: string, sessionId?: string) =>
      fetch(`${server!.url}/mcp`, {
        method: 'POST',
        headers: {
          'X-API-Key': key,
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          'MCP-Protocol-Version': '2025-11-25',
          ...(sessionId !== undefined ? { 'Mcp-Session-Id': sessionId } : {}),
        },
        body,
      });
    const opened = await post(cursor, '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}');
    const sessionId = opened.headers.get('mcp-session-id')!;
    await opened.body?.cancel();
    expect(sessionId).toBeTruthy();
    const list = '{"jsonrpc":"2.0","id":2,"method":"tools/list"}';
    expect((await post(zed, list, sessionId)).status).toBe(404);
    const own = await post(cursor, list, sessionId);
    expect(own.status).toBe(200);
    await own.body?.cancel();
  });

  it('keeps accepting the single key of earlier versions, as "default"', async () => {
    await secrets.set('api-key', 'earlier-single-key-0123456789abcdef');
    server = await startTestServer({ auth: 'api_key', rateLimit: { rps: 1, burst: 1 } }, { secrets, keysIndexFile: indexFile });
    expect(await call('earlier-single-key-0123456789abcdef')).toBe('200');
    expect(await call('earlier-single-key-0123456789abcdef')).toBe('429 RATE_LIMITED');
    expect(server.metrics.snapshot().recent[0]?.client).toBe('default');
  });
});
