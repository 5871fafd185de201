import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/core/server/index.js';
import { startOidcProvider, type OidcProviderFixture } from '../support/oidc-provider.js';
import { startTestServer, TEST_API_KEY, testConfig, type ConfigOverrides } from '../support/test-server.js';

/** What "live" means here: the new rule holds for the very next request, well within this bound. */
const APPLIES_WITHIN_MS = 1_000;

let server: (RunningServer & { logs: string[] }) | undefined;
let idp: OidcProviderFixture | undefined;
const clients: Client[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close().catch(() => undefined);
  await server?.close();
  await idp?.stop();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  server = undefined;
  idp = undefined;
});

/** A 2025-11-25 session opened by the SDK's v1 client, with `headers` on every request. */
async function openSession(headers: Record<string, string> = {}): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const client = new Client({ name: 'live-settings-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${server!.url}/mcp`), { requestInit: { headers } });
  await client.connect(transport);
  clients.push(client);
  expect(transport.protocolVersion).toBe('2025-11-25');
  expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  return { client, transport };
}

function reconfigure(overrides: ConfigOverrides): Promise<void> {
  return server!.reconfigure(testConfig(overrides));
}

function tempFolder(file: string, text: string): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'mcp-live-')));
  folders.push(folder);
  writeFileSync(join(folder, file), text);
  return folder;
}

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  return (result.content as { type: string; text?: string }[]).map((part) => part.text ?? '').join('');
}

describe('settings applied to a running server, without a restart', () => {
  it('a new rate limit answers 429 to the next requests, the open session survives and works again when lifted', async () => {
    server = await startTestServer();
    const { client, transport } = await openSession();
    const sessionId = transport.sessionId;

    const changed = performance.now();
    await reconfigure({ rateLimit: { rps: 1, burst: 1 } });
    // The new limiter starts with a full bucket of one (the client's SSE stream may spend it): of three quick requests, one at most passes.
    const outcomes: unknown[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      outcomes.push(await client.listTools().then(() => 'ok', (error: { code?: unknown }) => error.code));
    }
    expect(performance.now() - changed).toBeLessThan(APPLIES_WITHIN_MS);
    expect(outcomes.filter((outcome) => outcome === 429).length).toBeGreaterThanOrEqual(2);

    await reconfigure({ rateLimit: { rps: 0 } });
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    expect(transport.sessionId).toBe(sessionId);
  });

  it('a new API key refuses the old one at once; the session stays bound to the key name that opened it', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY });
    const { client, transport } = await openSession({ 'X-API-Key': TEST_API_KEY });
    const sessionId = transport.sessionId!;

    const newKey = `${TEST_API_KEY}-rotated`;
    await reconfigure({ auth: 'api_key', apiKey: newKey });
    await expect(client.listTools()).rejects.toMatchObject({ code: 401 });

    // A client is known by its key's NAME (one key per agent): the rotated MCP_API_KEY is still
    // the client "env", so the session it opened stays its own; no other name may use it.
    const post = (key: string) =>
      fetch(`${server!.url}/mcp`, {
        method: 'POST',
        headers: {
          'X-API-Key': key,
          'Mcp-Session-Id': sessionId,
          'MCP-Protocol-Version': '2025-11-25',
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
        },
        body: '{"jsonrpc":"2.0","id":9,"method":"tools/list"}',
      });
    expect((await post(newKey)).status).toBe(200);
    const fresh = await openSession({ 'X-API-Key': newKey });
    expect((await fresh.client.listTools()).tools.length).toBeGreaterThan(0);

    // Back to the first key: its session was never closed, and answers again.
    await reconfigure({ auth: 'api_key', apiKey: TEST_API_KEY });
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    expect(transport.sessionId).toBe(sessionId);
  });

  it('new required scopes apply to the next request; a session whose token still qualifies keeps working', async () => {
    idp = await startOidcProvider({ keys: 'es256' });
    const oauth = { issuer: idp.issuer, audience: idp.audience, jwksUri: idp.jwksUri };
    server = await startTestServer({ auth: 'oauth', oauth });
    const now = Math.floor(Date.now() / 1000);
    const token = await idp.signJwt({
      payload: { iss: idp.issuer, aud: idp.audience, sub: 'alice', client_id: 'agent', scope: 'mcp:tools', iat: now, exp: now + 600 },
    });
    const { client, transport } = await openSession({ Authorization: `Bearer ${token}` });
    const sessionId = transport.sessionId;

    await reconfigure({ auth: 'oauth', oauth: { ...oauth, requiredScopes: ['mcp:tools'] } });
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    expect(transport.sessionId).toBe(sessionId);

    await reconfigure({ auth: 'oauth', oauth: { ...oauth, requiredScopes: ['mcp:admin'] } });
    await expect(client.listTools()).rejects.toMatchObject({ code: 403 });
    const metadata = (await (await fetch(`${server.url}/.well-known/oauth-protected-resource/mcp`)).json()) as { scopes_supported?: string[] };
    expect(metadata.scopes_supported).toEqual(['mcp:admin']);
  });

  it('new shared folders are what the file tools read from the next call on, in the same session', async () => {
    const before = tempFolder('before.txt', 'old folder');
    const after = tempFolder('after.txt', 'new folder');
    server = await startTestServer({ sharedFolders: [before] });
    const { client, transport } = await openSession();
    const sessionId = transport.sessionId;
    const read = (path: string) => client.callTool({ name: 'read_text_file', arguments: { path } });
    expect(textOf(await read(join(before, 'before.txt')))).toContain('old folder');
    expect((await read(join(after, 'after.txt'))).isError).toBe(true);

    await reconfigure({ sharedFolders: [after] });
    expect(textOf(await read(join(after, 'after.txt')))).toContain('new folder');
    const refused = await read(join(before, 'before.txt'));
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('outside the shared folders');
    expect(transport.sessionId).toBe(sessionId);
  });

  it('refuses a new host or port (that needs a restart) and changes nothing', async () => {
    server = await startTestServer({ rateLimit: { rps: 0 } });
    await expect(server.reconfigure(testConfig({ port: 1, rateLimit: { rps: 1, burst: 1 } }))).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    const statuses = await Promise.all([1, 2, 3].map(async () => (await fetch(`${server!.url}/tools`)).status));
    expect(statuses).toEqual([200, 200, 200]);
  });
});
