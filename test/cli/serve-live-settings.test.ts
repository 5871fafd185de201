import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startServeProcess, tempHome, type ServeProcess } from '../support/cli-process.js';
import { cliMissing } from '../support/paths.js';

/** The bound: a change saved to settings.json is in effect on the running server within this. */
const EFFECTIVE_WITHIN_MS = 1_000;
/** How long a failing poll goes on, so a failure says how late the change was rather than hanging. */
const GIVE_UP_MS = 5_000;

let serve: ServeProcess | undefined;
let client: Client | undefined;
const folders: string[] = [];
afterEach(async () => {
  await client?.close().catch(() => undefined);
  await serve?.stop();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  client = undefined;
  serve = undefined;
});

function folder(prefix: string): string {
  const path = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  folders.push(path);
  return path;
}

/** Polls `check` (each try bounded by the request itself) until it holds; resolves to the milliseconds it took. */
async function effectiveAfter(check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < GIVE_UP_MS) {
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`the change was not in effect after ${GIVE_UP_MS} ms`);
}

describe.skipIf(cliMissing())('`mcp-toolkit serve` follows settings.json while it runs', () => {
  it('applies shared folders and the rate limit saved to the file within a second; the open session keeps working', async () => {
    const home = folder('mcp-live-home-');
    const shared = folder('mcp-live-shared-');
    writeFileSync(join(shared, 'note.txt'), 'shared while running');
    serve = await startServeProcess({ MCP_TOOLKIT_HOME: home }, ['--port', '0']);
    const url = serve.url;

    client = new Client({ name: 'serve-live-settings', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp`));
    await client.connect(transport);
    const sessionId = transport.sessionId;
    expect(transport.protocolVersion).toBe('2025-11-25');
    const read = () => client!.callTool({ name: 'read_text_file', arguments: { path: join(shared, 'note.txt') } });
    expect((await read()).isError).toBe(true);

    // Saved by hand (not atomically), as a user editing the file would.
    writeFileSync(join(home, 'settings.json'), JSON.stringify({ sharedFolders: [shared] }));
    const foldersTook = await effectiveAfter(async () => (await read()).isError !== true);
    expect(foldersTook).toBeLessThan(EFFECTIVE_WITHIN_MS);
    expect(transport.sessionId).toBe(sessionId);

    writeFileSync(join(home, 'settings.json'), JSON.stringify({ sharedFolders: [shared], rateLimit: { rps: 1, burst: 1 } }));
    const limitTook = await effectiveAfter(async () => (await fetch(`${url}/tools`)).status === 429);
    expect(limitTook).toBeLessThan(EFFECTIVE_WITHIN_MS);

    // Same server throughout: no restart, nothing announced again; the --port flag still wins over the file.
    writeFileSync(join(home, 'settings.json'), JSON.stringify({ port: 1, sharedFolders: [shared], rateLimit: { rps: 0 } }));
    await effectiveAfter(async () => (await fetch(`${url}/tools`)).status === 200);
    expect(serve.stderr()).toContain('[mcp] settings applied to the running server');
    expect(serve.stderr()).not.toContain('restarting');
    expect((await read()).isError).not.toBe(true);
    expect(transport.sessionId).toBe(sessionId);
  });

  it('applies a new auth mode from the file to the next request', async () => {
    const home = tempHome();
    folders.push(home);
    serve = await startServeProcess({ MCP_TOOLKIT_HOME: home, MCP_API_KEY: 'live-key-0123456789abcdef' }, ['--port', '0']);
    expect((await fetch(`${serve.url}/tools`)).status).toBe(200);
    writeFileSync(join(home, 'settings.json'), JSON.stringify({ auth: 'api_key' }));
    const took = await effectiveAfter(async () => (await fetch(`${serve!.url}/tools`)).status === 401);
    expect(took).toBeLessThan(EFFECTIVE_WITHIN_MS);
    expect((await fetch(`${serve.url}/tools`, { headers: { 'X-API-Key': 'live-key-0123456789abcdef' } })).status).toBe(200);
    expect(await (await fetch(`${serve.url}/health`)).json()).toMatchObject({ auth: 'api_key' });
  });
});
