import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cliMissing } from '../support/paths.js';
import { runCli, startServeProcess, tempHome, type ServeProcess } from '../support/cli-process.js';
import { secretToolLookup } from '../support/keyring-secret-tool.js';

const keyringMissing = process.env.MCP_TOOLKIT_TEST_KEYRING === '1' ? undefined : 'needs a Secret Service: run via scripts/with-keyring.sh';
const SERVICE = 'mcp-toolkit';

let serve: ServeProcess | undefined;
afterEach(async () => {
  await serve?.stop('SIGKILL');
  serve = undefined;
});

/** The keychain's bus and a fresh settings folder, shared by every command of one test. */
function environment(): Record<string, string> {
  return { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '', HOME: process.env.HOME ?? '', MCP_TOOLKIT_HOME: tempHome() };
}

/** Every file under `dir`, read as text. */
async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(entries.filter((entry) => entry.isFile()).map(async (entry) => {
    const path = join(entry.parentPath, entry.name);
    return { path, text: await readFile(path, 'utf8') };
  }));
}

describe.skipIf(cliMissing() ?? keyringMissing)('`mcp-toolkit keys` with the OS keychain', () => {
  it('creates, lists, shows and revokes keys; values only in the keychain', async () => {
    const env = environment();
    const created = await runCli(['keys', 'create', 'keys-test-a'], env);
    expect(created.code).toBe(0);
    const value = created.stdout.trim();
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await secretToolLookup(SERVICE, 'key:keys-test-a')).toBe(value);
    expect((await runCli(['keys', 'create', 'keys-test-b'], env)).code).toBe(0);

    const again = await runCli(['keys', 'create', 'keys-test-a'], env);
    expect([again.code, again.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(again.stderr).toMatch(/exists/);
    const badName = await runCli(['keys', 'create', 'Not_A_Name'], env);
    expect([badName.code, badName.stderr.trim().split('\n').length]).toEqual([2, 1]);

    const list = await runCli(['keys', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^keys-test-a\s+\d{4}-\d\d-\d\dT[\d:]+Z\s+never$/m);
    expect(list.stdout).not.toContain(value);
    const json = JSON.parse((await runCli(['keys', 'list', '--json'], env)).stdout) as { name: string; createdAt: string; lastUsedAt: string | null }[];
    expect(json.map((key) => [key.name, key.lastUsedAt])).toEqual([['keys-test-a', null], ['keys-test-b', null]]);
    expect(Date.parse(json[0]!.createdAt)).toBeGreaterThan(Date.now() - 60_000);

    expect((await runCli(['keys', 'show', 'keys-test-a'], env)).stdout).toBe(`${value}\n`);
    expect(JSON.parse((await runCli(['keys', 'show', 'keys-test-a', '--header-json'], env)).stdout)).toEqual({ 'X-API-Key': value });
    const unknown = await runCli(['keys', 'show', 'nobody'], env);
    expect([unknown.code, unknown.stderr.trim().split('\n').length]).toEqual([2, 1]);

    // Names and dates beside the settings; no value in any file there.
    const files = await filesUnder(env.MCP_TOOLKIT_HOME!);
    expect(files.map((file) => file.path)).toContain(join(env.MCP_TOOLKIT_HOME!, 'keys.json'));
    for (const file of files) expect(file.text).not.toContain(value);

    const revoked = await runCli(['keys', 'revoke', 'keys-test-a'], env);
    expect(revoked.code).toBe(0);
    expect(await secretToolLookup(SERVICE, 'key:keys-test-a')).toBeUndefined();
    expect(JSON.parse((await runCli(['keys', 'list', '--json'], env)).stdout).map((key: { name: string }) => key.name)).toEqual(['keys-test-b']);
    await runCli(['keys', 'revoke', 'keys-test-b'], env);
  });

  it('a running serve accepts each key under its name and refuses a key revoked by `keys revoke` at once', async () => {
    const env = environment();
    const keyA = (await runCli(['keys', 'create', 'keys-test-a'], env)).stdout.trim();
    serve = await startServeProcess({ ...env, MCP_AUTH: 'api_key' });
    const status = async (key: string) => (await fetch(`${serve!.url}/tools`, { headers: { 'X-API-Key': key } })).status;
    expect(await status(keyA)).toBe(200);

    // Created while the server runs: accepted without a restart.
    const keyB = (await runCli(['keys', 'create', 'keys-test-b'], env)).stdout.trim();
    await vi.waitFor(async () => expect(await status(keyB)).toBe(200), { timeout: 10_000, interval: 25 });

    expect((await runCli(['keys', 'revoke', 'keys-test-a'], env)).code).toBe(0);
    await vi.waitFor(async () => expect(await status(keyA)).toBe(401), { timeout: 10_000, interval: 25 });
    expect(await status(keyB)).toBe(200);
    // The single key of earlier versions is the key "default": `key show` prints it, `keys show default` too.
    const single = (await runCli(['key', 'show'], env)).stdout.trim();
    expect((await runCli(['keys', 'show', 'default'], env)).stdout.trim()).toBe(single);
    expect(serve.stderr()).not.toContain(keyA);
    await runCli(['keys', 'revoke', 'keys-test-b'], env);
  });

  it('prints --help for keys and each subcommand', async () => {
    for (const args of [['keys', '--help'], ...['create', 'list', 'show', 'revoke'].map((word) => ['keys', word, '--help'])]) {
      const help = await runCli(args);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^Usage: mcp-toolkit keys/);
    }
    expect((await runCli(['keys', 'show', '--help'])).stdout).toContain('--header-json');
  });
});
