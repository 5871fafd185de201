/**
 * `servers login` refuses a remote server on plain http (not this computer),
 * in the user's words and before any request: a sign-in would send its tokens
 * unencrypted. The URL is on a `.invalid` host and never contacted.
 *
 * Run: npx electron-vite build && bash scripts/with-keyring.sh npx vitest run test/cli/servers-login-plain-http.test.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli-process.js';
import { cliMissing } from '../support/paths.js';

const keyringMissing = process.env.MCP_TOOLKIT_TEST_KEYRING === '1' ? undefined : 'needs a Secret Service: run via scripts/with-keyring.sh';
const SESSION = ['DBUS_SESSION_BUS_ADDRESS', 'HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'XDG_RUNTIME_DIR'] as const;

let home: string;

function servers(args: string[]): Promise<CliRun> {
  const env: Record<string, string> = { MCP_TOOLKIT_HOME: home };
  for (const name of SESSION) if (process.env[name] !== undefined) env[name] = process.env[name];
  return runCli(['servers', ...args], env, 30_000);
}

describe.skipIf(cliMissing() ?? keyringMissing)('servers login with a plain-http remote server (built CLI)', () => {
  beforeAll(async () => {
    home = await mkdtemp(join(process.env.HOME!, 'mcp-toolkit-settings-'));
  });
  afterAll(async () => {
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('is refused with exit 1 and the reason, and offers no sign-in when added; sign-out still works', async () => {
    const added = await servers(['add', 'wiki', '--url', 'http://mcp.example.invalid/mcp']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).not.toContain('servers login');

    const refused = await servers(['login', 'wiki']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'mcp-toolkit servers login: wiki wants a sign-in, but its URL is plain http (http://mcp.example.invalid/mcp): a sign-in would send your tokens unencrypted; use its https URL. [UPSTREAM_LOGIN_INSECURE_URL]\n',
    );

    const logout = await servers(['logout', 'wiki']);
    expect(logout.code, logout.stderr).toBe(0);
  });
});
