/**
 * `servers add --client-id/--scope/--client-secret-stdin`, `servers login`,
 * `servers logout` and `servers list` in process, with a memory keychain and
 * the static sign-in double (the real machinery runs the same calls; the
 * spawned-CLI test with a real identity provider is in test/cli).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore, type SecretStore } from '../../../core/keychain/index.js';
import { createStaticUpstreamLogins, type StaticUpstreamLogins } from '../../../core/upstream-login/testing/static-upstream-logins.js';
import type { CliIO } from '../../command.js';
import { EXIT_USAGE, runCli } from '../../run.js';
import { createServersCommand } from '../servers.js';

interface Harness {
  readonly logins: StaticUpstreamLogins;
  readonly store: SecretStore;
  readonly opened: string[];
  readonly home: string;
  run(args: string[], options?: { stdin?: string; signal?: AbortSignal }): Promise<{ code: number; stdout: string; stderr: string }>;
}

function harness(loginsAvailable = true): Harness {
  const home = mkdtempSync(join(tmpdir(), 'mcp-servers-login-'));
  const logins = createStaticUpstreamLogins();
  const store = createMemorySecretStore();
  const opened: string[] = [];
  let stdin = '';
  const command = createServersCommand({
    openStore: () => store,
    readSecret: async () => stdin,
    openLogins: () => (loginsAvailable ? logins : undefined),
    openUrl: async (url) => void opened.push(url),
  });
  return {
    logins,
    store,
    opened,
    home,
    async run(args, options = {}) {
      stdin = options.stdin ?? '';
      let stdout = '';
      let stderr = '';
      const io: CliIO = {
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: (s: string) => (stderr += s) },
        env: { MCP_TOOLKIT_HOME: home, HOME: home },
        signal: options.signal ?? new AbortController().signal,
      };
      const code = await runCli(['servers', ...args], io, [command]);
      return { code, stdout, stderr };
    },
  };
}

const URL_OF_REMOTE = 'https://mcp.example.com/mcp';

describe('servers add with sign-in settings', () => {
  it('saves the client ID, metadata URL and scope, and the client secret (from stdin) in the keychain only', async () => {
    const h = harness();
    const added = await h.run(['add', 'remote', '--url', URL_OF_REMOTE, '--client-id', 'my-client', '--client-metadata-url', 'https://app.example.com/client.json', '--scope', 'read write', '--client-secret-stdin', '--issuer', 'https://id.example.com'], { stdin: 'client-secret-value' });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain('run `mcp-toolkit servers login remote`');
    const saved = readFileSync(join(h.home, 'settings.json'), 'utf8');
    expect(JSON.parse(saved).servers[0]).toMatchObject({ auth: { clientId: 'my-client', clientMetadataUrl: 'https://app.example.com/client.json', scope: 'read write', issuer: 'https://id.example.com' }, secrets: ['OAUTH_CLIENT_SECRET'] });
    expect(saved).not.toContain('client-secret-value');
    expect(await h.store.get('server:remote:OAUTH_CLIENT_SECRET')).toBe('client-secret-value');
  });

  it('refuses each bad sign-in setting at its field, and a client secret without a client ID or an issuer', async () => {
    const h = harness();
    const refused = await h.run(['add', 'remote', '--url', 'http://mcp.example.com/mcp', '--client-id', 'has space', '--client-metadata-url', 'http://app.example.com/c.json', '--scope', 'a  b', '--issuer', 'http://id.example.com']);
    expect(refused.code).toBe(EXIT_USAGE);
    for (const field of ['auth.clientId', 'auth.clientMetadataUrl', 'auth.scope', 'auth.issuer', 'url']) expect(refused.stderr).toContain(field);
    const noIssuer = await h.run(['add', 'remote', '--url', URL_OF_REMOTE, '--client-id', 'my-client', '--client-secret-stdin'], { stdin: 'x' });
    expect(noIssuer.code).toBe(EXIT_USAGE);
    expect(noIssuer.stderr).toContain('--client-secret-stdin needs --issuer URL');
    const noId = await h.run(['add', 'remote', '--url', URL_OF_REMOTE, '--client-secret-stdin'], { stdin: 'x' });
    expect(noId.code).toBe(EXIT_USAGE);
    expect(noId.stderr).toContain('--client-secret-stdin is the secret of a --client-id');
  });
});

describe('servers login and logout', () => {
  it('signs in through the browser opener: progress and the account on stderr, nothing on stdout', async () => {
    const h = harness();
    await h.run(['add', 'remote', '--url', URL_OF_REMOTE]);
    const login = await h.run(['login', 'remote']);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toBe('');
    expect(h.opened).toHaveLength(1);
    expect(login.stderr).toContain('discovering how remote signs in');
    expect(login.stderr).toContain(`Open this link if no browser opened:\n\n  ${h.opened[0]}`);
    expect(login.stderr).toContain('exchanging the code for tokens');
    expect(login.stderr).toMatch(/Signed in to remote as alice \(issuer http:\/\/127\.0\.0\.1:9\/static-double\)/);
    expect(login.stderr).not.toContain('token-remote');
    expect(h.logins.calls).toEqual(['signIn remote']);

    expect((await h.run(['login', 'remote', '--scope', 'admin:write'])).code).toBe(0);
    expect(h.logins.calls).toContain('signIn remote scope=admin:write');

    const logout = await h.run(['logout', 'remote']);
    expect(logout.code).toBe(0);
    expect(logout.stderr).toContain('signed out of remote: its tokens are deleted from the OS keychain');
    expect(h.logins.calls.at(-1)).toBe('signOut remote');
    const again = await h.run(['logout', 'remote']);
    expect(again.stderr).toContain('remote had no sign-in; nothing to delete');
    expect(h.logins.calls.filter((call) => call === 'signOut remote')).toHaveLength(2);
  });

  it('Ctrl-C cancels: exit 1, says so', async () => {
    const h = harness();
    await h.run(['add', 'remote', '--url', URL_OF_REMOTE]);
    const abort = new AbortController();
    abort.abort();
    const login = await h.run(['login', 'remote'], { signal: abort.signal });
    expect(login.code).toBe(1);
    expect(login.stderr).toContain('the sign-in was cancelled');
  });

  it('refuses what cannot sign in: a stdio server, a static Authorization header, an unknown name', async () => {
    const h = harness();
    await h.run(['add', 'local', '--', process.execPath, '--version']);
    await h.run(['add', 'static', '--url', URL_OF_REMOTE, '--header', 'Authorization: Bearer ${secret:TOKEN}']);
    expect((await h.run(['login', 'local'])).stderr).toContain('local (stdio) server');
    expect((await h.run(['login', 'static'])).stderr).toContain('static Authorization header');
    expect((await h.run(['login', 'nope'])).code).toBe(EXIT_USAGE);
    expect(h.logins.calls).toEqual([]);
  });

  it('says so when no sign-in machinery is available (exit 1)', async () => {
    const h = harness(false);
    await h.run(['add', 'remote', '--url', URL_OF_REMOTE]);
    const login = await h.run(['login', 'remote']);
    expect(login.code).toBe(1);
    expect(login.stderr).toContain('not available');
  });

  it('has its own help', async () => {
    const h = harness();
    const help = await h.run(['login', '--help']);
    expect(help.stdout).toContain('Usage: mcp-toolkit servers login NAME');
    expect((await h.run(['logout', '--help'])).stdout).toContain('RFC 7009');
    expect((await h.run(['add', '--help'])).stdout).toContain('--client-secret-stdin');
  });
});
