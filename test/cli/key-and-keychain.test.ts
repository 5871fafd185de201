import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cliMissing } from '../support/paths.js';
import { runCli, startServeProcess, type ServeProcess } from '../support/cli-process.js';

const exec = promisify(execFile);
const keyringMissing = process.env.MCP_TOOLKIT_TEST_KEYRING === '1' ? undefined : 'needs a Secret Service: run via scripts/with-keyring.sh';
/** The variables that point the keychain library at the private test session bus. */
const busEnv = (): Record<string, string> => ({
  DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '',
  HOME: process.env.HOME ?? '',
});

let serve: ServeProcess | undefined;
afterEach(async () => {
  await serve?.stop('SIGKILL');
  serve = undefined;
});

describe.skipIf(cliMissing() ?? keyringMissing)('the API key in the OS keychain', () => {
  it('`key show` creates the key once, `key rotate` replaces it, and secret-tool sees the same value', async () => {
    await exec('secret-tool', ['clear', 'service', 'mcp-toolkit', 'username', 'api-key']).catch(() => undefined);
    const first = await runCli(['key', 'show'], busEnv());
    expect(first.code).toBe(0);
    const key = first.stdout.trim();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await runCli(['key', 'show'], busEnv())).stdout.trim()).toBe(key);
    const stored = await exec('secret-tool', ['lookup', 'service', 'mcp-toolkit', 'username', 'api-key']);
    expect(stored.stdout.trim()).toBe(key);

    const rotated = await runCli(['key', 'rotate'], busEnv());
    expect(rotated.code).toBe(0);
    const newKey = rotated.stdout.trim();
    expect(newKey).not.toBe(key);
    expect((await exec('secret-tool', ['lookup', 'service', 'mcp-toolkit', 'username', 'api-key'])).stdout.trim()).toBe(newKey);
  });

  it('`serve` in api_key mode without MCP_API_KEY requires the keychain key', async () => {
    const key = (await runCli(['key', 'show'], busEnv())).stdout.trim();
    serve = await startServeProcess({ ...busEnv(), MCP_AUTH: 'api_key' });
    expect((await fetch(`${serve.url}/tools`, { headers: { 'X-API-Key': key } })).status).toBe(200);
    expect((await fetch(`${serve.url}/tools`, { headers: { 'X-API-Key': `${key}x` } })).status).toBe(401);
    expect(serve.stderr()).not.toContain(key);
  });
});

describe.skipIf(cliMissing())('without any keychain', () => {
  const noBus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mcp-toolkit-test-bus' };

  it('api_key mode refuses to start and says how to set MCP_API_KEY', async () => {
    const result = await runCli(['serve', '--port', '0'], { ...noBus, MCP_AUTH: 'api_key' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/keychain/i);
    expect(result.stderr).toContain('MCP_API_KEY');
    expect(result.stdout).not.toContain('listening');
  });

  it('api_key mode starts with MCP_API_KEY set', async () => {
    serve = await startServeProcess({ ...noBus, MCP_AUTH: 'api_key', MCP_API_KEY: 'env-key-0123456789abcdef' });
    expect((await fetch(`${serve.url}/tools`, { headers: { 'X-API-Key': 'env-key-0123456789abcdef' } })).status).toBe(200);
  });
});
