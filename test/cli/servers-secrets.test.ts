import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliMissing } from '../support/paths.js';
import { secretToolLookup } from '../support/keyring-secret-tool.js';
import { ECHO_SERVER, runServers, settingsText } from './servers-cli.js';

const keyringMissing = process.env.MCP_TOOLKIT_TEST_KEYRING === '1' ? undefined : 'needs a Secret Service: run via scripts/with-keyring.sh';
/** The variables that point the keychain library at the private test session bus. */
const busEnv = (): Record<string, string> => ({ DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '' });

let home: string;
let settingsHome: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'mcp-toolkit-servers-secrets-'));
  settingsHome = join(home, 'toolkit');
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const servers = (args: string[], stdin?: string) => runServers(args, { home: settingsHome, env: { ...busEnv(), HOME: home }, ...(stdin !== undefined ? { stdin } : {}) });

/** Every file the toolkit wrote (settings, pins, state, logs), as one text. */
function everythingWritten(folder: string): string {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

describe.skipIf(cliMissing() ?? keyringMissing)('upstream secrets in the real OS keychain', () => {
  it('`secret set` reads the value from stdin into the keychain; settings.json holds the name only; remove deletes both', async () => {
    const value = `sk-test-${Date.now()}-value`;
    expect((await servers(['add', 'echo', '--', process.execPath, ECHO_SERVER])).code).toBe(0);
    const set = await servers(['secret', 'set', 'echo', 'API_KEY'], `${value}\n`);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toBe('stored API_KEY for echo in the OS keychain\n');
    expect(await secretToolLookup('mcp-toolkit', 'server:echo:API_KEY')).toBe(value);
    expect(JSON.parse(settingsText(settingsHome)).servers[0].secrets).toEqual(['API_KEY']);

    // The server starts with it (`tools` reads it from the keychain); neither files nor output show it.
    const tools = await servers(['tools', 'echo']);
    expect(tools.code, tools.stderr).toBe(0);
    const list = await servers(['list', '--json']);
    expect(JSON.parse(list.stdout)[0].secrets).toEqual(['API_KEY']);
    for (const run of [set, tools, list]) expect(run.stdout + run.stderr).not.toContain(value);
    expect(everythingWritten(settingsHome)).not.toContain(value);

    const empty = await servers(['secret', 'set', 'echo', 'OTHER'], '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('pipe it on stdin');

    expect((await servers(['secret', 'remove', 'echo', 'API_KEY'])).code).toBe(0);
    expect(await secretToolLookup('mcp-toolkit', 'server:echo:API_KEY')).toBeUndefined();
    expect(JSON.parse(settingsText(settingsHome)).servers[0].secrets).toEqual([]);
  });

  it('`remove` deletes the server\'s secrets from the keychain', async () => {
    expect((await servers(['add', 'gone', '--', process.execPath, ECHO_SERVER])).code).toBe(0);
    expect((await servers(['secret', 'set', 'gone', 'TOKEN'], 'tok-123')).code).toBe(0);
    expect(await secretToolLookup('mcp-toolkit', 'server:gone:TOKEN')).toBe('tok-123');
    const removed = await servers(['remove', 'gone']);
    expect(removed.stdout).toBe('removed gone and its 1 secret from the keychain\n');
    expect(await secretToolLookup('mcp-toolkit', 'server:gone:TOKEN')).toBeUndefined();
  });

  it('`import --from claude-desktop`: --dry-run changes nothing; the real import moves the secret env value to the keychain', async () => {
    const secret = `ghp_${Date.now()}secretvalue`;
    const config = join(home, '.config', 'Claude', 'claude_desktop_config.json');
    mkdirSync(join(home, '.config', 'Claude'), { recursive: true });
    writeFileSync(config, JSON.stringify({ mcpServers: { 'GitHub Tools': { command: process.execPath, args: [ECHO_SERVER], env: { GITHUB_PERSONAL_ACCESS_TOKEN: secret, LOG: 'info' } }, old: { type: 'sse', url: 'https://x.example.com/sse' } } }));

    const dry = await servers(['import', '--from', 'claude-desktop', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toBe(
      [
        `plan for ${config} (nothing changed):`,
        `  would add GitHub Tools as github-tools (stdio: ${process.execPath} ${ECHO_SERVER})`,
        '    renamed to "github-tools"',
        '    moved env GITHUB_PERSONAL_ACCESS_TOKEN to the keychain',
        '  skipped old: uses the legacy SSE transport; the toolkit reaches remote servers over Streamable HTTP only',
        '',
      ].join('\n'),
    );
    expect(await secretToolLookup('mcp-toolkit', 'server:github-tools:GITHUB_PERSONAL_ACCESS_TOKEN')).toBeUndefined();
    expect((await servers(['list', '--json'])).stdout.trim()).toBe('[]');

    const real = await servers(['import', '--from', 'claude-desktop']);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toContain('  added GitHub Tools as github-tools');
    expect(real.stdout + real.stderr).not.toContain(secret);
    expect(await secretToolLookup('mcp-toolkit', 'server:github-tools:GITHUB_PERSONAL_ACCESS_TOKEN')).toBe(secret);
    const saved = JSON.parse(settingsText(settingsHome)).servers[0];
    expect(saved).toMatchObject({ name: 'github-tools', env: { LOG: 'info' }, secrets: ['GITHUB_PERSONAL_ACCESS_TOKEN'] });
    expect(settingsText(settingsHome)).not.toContain(secret);

    const again = await servers(['import', '--from', 'claude-desktop']);
    expect(again.stdout).toContain('skipped GitHub Tools: a server named "github-tools" exists already');
  });
});
