import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signInWithBrowser, type BrowserOutcome, type Chromium } from '../support/browser.js';
import { startOidcProvider, type OidcProviderFixture } from '../support/oidc-provider.js';
import { createMemorySecretStore, type SecretStore } from '../../src/core/keychain/index.js';
import type { CliIO } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/run.js';
import { createLoginCommand } from '../../src/cli/commands/login.js';
import { createLogoutCommand } from '../../src/cli/commands/logout.js';
import { createTokenCommand } from '../../src/cli/commands/token.js';
import { createWhoamiCommand } from '../../src/cli/commands/whoami.js';

const RESOURCE = 'http://127.0.0.1:4321/mcp';

let idp: OidcProviderFixture;
let browser: Chromium;
beforeAll(async () => {
  [idp, browser] = await Promise.all([startOidcProvider({ resource: RESOURCE }), launchChromium()]);
});
afterAll(async () => {
  await Promise.all([idp?.stop(), browser?.close()]);
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The four commands over one memory keychain, run through the real CLI
 * dispatcher. The "system browser" is headless chromium playing the user.
 */
function cli(options: { store?: SecretStore; decision?: 'approve' | 'deny'; now?: () => number; browserFails?: boolean } = {}) {
  const store = options.store ?? createMemorySecretStore();
  const browserRuns: Promise<BrowserOutcome>[] = [];
  const openUrl = async (url: string): Promise<void> => {
    if (options.browserFails) throw new Error('xdg-open: not found');
    browserRuns.push(signInWithBrowser(browser.context, url, { login: 'dave', decision: options.decision }));
  };
  const commands = [
    createLoginCommand({ openStore: () => store, openUrl }),
    createTokenCommand({ openStore: () => store, now: options.now }),
    createLogoutCommand(() => store),
    createWhoamiCommand({ openStore: () => store, now: options.now }),
  ];
  const run = async (args: string[], env: Record<string, string> = {}, signal = new AbortController().signal): Promise<Run> => {
    let stdout = '';
    let stderr = '';
    const io: CliIO = {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      env,
      signal,
    };
    const code = await runCli(args, io, commands);
    await Promise.all(browserRuns.splice(0));
    return { code, stdout, stderr };
  };
  return { store, run };
}

const loginArgs = () => ['login', '--issuer', idp.issuer, '--client-id', idp.clientId, '--redirect-uri', 'http://127.0.0.1:0/callback'];

describe('mcp-toolkit login / token / whoami / logout', () => {
  it('signs in, prints only the access token on stdout, then token, whoami and logout use the keychain', async () => {
    const { run } = cli();

    const login = await run([...loginArgs(), '--resource', RESOURCE, '--scope', 'openid offline_access mcp:tools']);
    expect(login.code).toBe(0);
    expect(login.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const token = login.stdout.trim();
    expect(decodeJwt(token)).toMatchObject({ sub: 'dave', aud: RESOURCE });
    expect(login.stderr).toContain('visit:');
    expect(login.stderr).toContain(`signed in to ${idp.issuer} as dave`);
    expect(login.stderr).not.toContain(token);

    const again = await run(['token']);
    expect(again).toMatchObject({ code: 0, stdout: `${token}\n`, stderr: '' });

    const whoami = await run(['whoami']);
    expect(whoami.code).toBe(0);
    expect(whoami.stdout).toContain('dave (from the ID token)');
    expect(whoami.stdout).toContain(idp.issuer);
    expect(whoami.stdout).toContain('mcp:tools');
    expect(whoami.stdout).not.toContain(token);
    const json = JSON.parse((await run(['whoami', '--json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ subject: 'dave', issuer: idp.issuer, resource: RESOURCE, hasRefreshToken: true });
    expect(JSON.stringify(json)).not.toContain(token);

    const logout = await run(['logout']);
    expect(logout.code).toBe(0);
    expect(logout.stderr).toContain(`signed out of ${idp.issuer}`);

    const after = await run(['token']);
    expect(after.code).toBe(1);
    expect(after.stdout).toBe('');
    expect(after.stderr).toContain('NOT_SIGNED_IN');
    expect((await run(['whoami'])).code).toBe(1);
    expect((await run(['logout'])).stderr).toContain('not signed in');
  });

  it('takes its defaults from MCP_OAUTH_ISSUER, MCP_OAUTH_CLIENT_ID, MCP_OAUTH_REDIRECT_URI and MCP_OAUTH_AUDIENCE', async () => {
    const { run } = cli();
    const login = await run(['login', '--scope', 'openid'], {
      MCP_OAUTH_ISSUER: idp.issuer,
      MCP_OAUTH_CLIENT_ID: idp.clientId,
      MCP_OAUTH_REDIRECT_URI: 'http://127.0.0.1:0/callback',
      MCP_OAUTH_AUDIENCE: 'http://127.0.0.1:9999/mcp',
    });
    expect(login.code).toBe(0);
    expect(decodeJwt(login.stdout.trim()).aud).toBe('http://127.0.0.1:9999/mcp');
  });

  it('refreshes an expiring token on `token` and stores the new one', async () => {
    let clock = Date.now();
    const { run } = cli({ now: () => clock });
    const first = (await run([...loginArgs(), '--resource', RESOURCE])).stdout.trim();

    clock += 290_000; // the fixture's tokens live 300 s: 10 s left
    const refreshed = await run(['token']);
    expect(refreshed.code).toBe(0);
    expect(refreshed.stderr).toContain('refreshed');
    const second = refreshed.stdout.trim();
    expect(second).not.toBe(first);
    expect(decodeJwt(second)).toMatchObject({ sub: 'dave', aud: RESOURCE });

    expect((await run(['token'])).stdout.trim()).toBe(second);
    expect((await run(['whoami'])).stdout).toContain('(in 5 min)');
  });

  it('exits 1 with the provider reason when the user denies, printing nothing on stdout', async () => {
    const { run, store } = cli({ decision: 'deny' });
    const login = await run(loginArgs());
    expect(login.code).toBe(1);
    expect(login.stdout).toBe('');
    expect(login.stderr).toContain('refused (access_denied): End-User aborted interaction. [ACCESS_DENIED]');
    expect(await store.get('oauth:default')).toBeUndefined();
  });

  it('keeps waiting when the browser cannot be opened, so the printed URL can be used by hand', async () => {
    const { run } = cli({ browserFails: true });
    const login = await run([...loginArgs(), '--timeout', '1']);
    expect(login.code).toBe(1);
    expect(login.stderr).toContain('xdg-open: not found; open the URL above yourself');
    expect(login.stderr).toContain('[TIMEOUT]');
  });

  it('exits 1 with CANCELLED on Ctrl-C (the CLI signal)', async () => {
    const { run } = cli({ browserFails: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const login = await run(loginArgs(), {}, controller.signal);
    expect(login.code).toBe(1);
    expect(login.stderr).toContain('[CANCELLED]');
  });

  it.each([
    [['login', '--client-id', 'x'], /missing --issuer/],
    [['login', '--issuer', 'https://id.example'], /missing --client-id/],
    [['login', '--issuer', 'http://id.example', '--client-id', 'x'], /only loopback issuers/],
    [['login', '--issuer', 'https://id.example', '--client-id', 'x', '--redirect-uri', 'http://10.0.0.1:8765/cb'], /127\.0\.0\.1/],
    [['login', '--issuer', 'https://id.example', '--client-id', 'x', '--timeout', 'soon'], /--timeout/],
    [['token', '--issuer'], /--issuer/],
  ])('exits 2 for bad usage: %j', async (args, message) => {
    const { run } = cli();
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('exits 1 and names the port when the redirect port is taken', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { run } = cli();
      const args = ['login', '--issuer', idp.issuer, '--client-id', idp.clientId, '--redirect-uri', `http://127.0.0.1:${port}/callback`];
      const result = await run(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Port ${port}`);
      expect(result.stderr).toContain('--redirect-uri');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
