/**
 * `servers add --url`, `servers login` and `servers logout` as real
 * processes of the built CLI, with everything real: a protected upstream
 * (this toolkit's server in `oauth` mode) and its `oidc-provider`, chromium
 * playing the user through `BROWSER` (test/support/browser-command.sh), the
 * Secret Service (gnome-keyring) checked with `secret-tool`, and a running
 * `serve` whose gateway follows the sign-in and the sign-out.
 *
 * Run: npx electron-vite build && bash scripts/with-keyring.sh npx vitest run test/cli/servers-login.test.ts
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKeychainStore } from '../../src/core/keychain/index.js';
import { upstreamLoginAccount } from '../../src/core/upstream-login/index.js';
import { readStoredLogin } from '../../src/core/upstream-login/stored-login.js';
import { runCli, startServeProcess, type CliRun, type ServeProcess } from '../support/cli-process.js';
import { secretToolAttributes, secretToolLookup } from '../support/keyring-secret-tool.js';
import { cliMissing, ROOT } from '../support/paths.js';
import { startProtectedUpstream, type ProtectedUpstream } from '../support/protected-upstream.js';

const keyringMissing = process.env.MCP_TOOLKIT_TEST_KEYRING === '1' ? undefined : 'needs a Secret Service: run via scripts/with-keyring.sh';
const BROWSER = `${ROOT}test/support/browser-command.sh`;
/** The temporary HOME and XDG folders scripts/with-keyring.sh made for this run. */
const SESSION_FOLDERS = ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'XDG_RUNTIME_DIR'] as const;

let upstream: ProtectedUpstream;
let home: string;
let serve: ServeProcess | undefined;

/** The keyring session's bus and folders, and a settings folder under its HOME. */
function sessionEnv(): Record<string, string> {
  const env: Record<string, string> = { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '', MCP_TOOLKIT_HOME: home };
  for (const name of SESSION_FOLDERS) if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
}

function servers(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(['servers', ...args], { ...sessionEnv(), ...env }, 60_000);
}

/** `servers login NAME` with chromium as the browser; resolves when the CLI exited and, when it ran, the browser finished. */
async function login(name: string): Promise<CliRun & { browser?: Record<string, unknown> }> {
  const resultFile = join(home, `browser-${name}.json`);
  const run = await servers(['login', name], { BROWSER, MCP_TOOLKIT_TEST_BROWSER_RESULT: resultFile });
  const browser = run.stderr.includes('opening the browser') ? await waitForJson(resultFile) : undefined;
  return { ...run, ...(browser ? { browser } : {}) };
}

/** The browser program runs detached: its result file is the only signal. */
async function waitForJson(file: string): Promise<Record<string, unknown>> {
  return vi.waitFor(async () => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>, { timeout: 30_000, interval: 100 });
}

async function listed(name: string): Promise<Record<string, unknown> | undefined> {
  const run = await servers(['list', '--json']);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as Record<string, unknown>[]).find((entry) => entry.name === name);
}

/** Polls `servers list --json` until the running `serve` reports what `check` wants (bounded). */
async function waitForListed(name: string, check: (entry: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>> {
  return vi.waitFor(
    async () => {
      const entry = await listed(name);
      if (entry === undefined || !check(entry)) throw new Error(`waiting for ${what}: ${JSON.stringify(entry)}`);
      return entry;
    },
    { timeout: 20_000, interval: 250 },
  );
}

/** Every file under the session's HOME and XDG folders that contains `text`. */
async function filesContaining(text: string): Promise<string[]> {
  const hits: string[] = [];
  for (const root of new Set(SESSION_FOLDERS.flatMap((name) => process.env[name] ?? []))) {
    const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries.filter((candidate) => candidate.isFile())) {
      const file = join(entry.parentPath, entry.name);
      if ((await readFile(file).catch(() => Buffer.alloc(0))).includes(text)) hits.push(file);
    }
  }
  return hits;
}

/** The keychain items of the sign-in of `name` (its entry and its parts), as another Secret Service client sees them. */
async function loginItems(name: string): Promise<string[]> {
  const account = upstreamLoginAccount(name);
  return (await secretToolAttributes('mcp-toolkit'))
    .map((line) => /^attribute\.username = (.*)$/.exec(line)?.[1])
    .filter((item): item is string => item === account || item?.startsWith(`${account}:`) === true);
}

describe.skipIf(cliMissing() ?? keyringMissing)('servers login / logout (built CLI, chromium, OS keychain)', () => {
  beforeAll(async () => {
    upstream = await startProtectedUpstream();
    home = await mkdtemp(join(process.env.HOME!, 'mcp-toolkit-settings-'));
  });
  afterEach(async () => {
    await serve?.stop('SIGTERM');
    serve = undefined;
  });
  afterAll(async () => {
    await upstream?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('signs in through the browser into the keychain only, the running serve follows, and logout revokes and deletes', async () => {
    const added = await servers(['add', 'remote', '--url', upstream.spec.url]);
    expect(added.code, added.stderr).toBe(0);
    serve = await startServeProcess({ ...sessionEnv(), MCP_AUTH: 'none' });
    expect(await waitForListed('remote', (entry) => entry.state === 'needs-sign-in', 'needs-sign-in')).toMatchObject({ signIn: { state: 'needs-sign-in', reason: 'never signed in' } });

    const signedIn = await login('remote');
    expect(signedIn.code, signedIn.stderr).toBe(0);
    expect(signedIn.stdout).toBe('');
    expect(signedIn.browser).toMatchObject({ ok: true, pageText: expect.stringContaining('Signed in') });
    expect(signedIn.stderr).toContain('mcp-toolkit servers login: discovering how remote signs in…');
    expect(signedIn.stderr).toContain('registering the toolkit with the authorization server…');
    expect(signedIn.stderr).toContain('Open this link if no browser opened:');
    expect(signedIn.stderr).toMatch(new RegExp(`Signed in to remote as erin \\(issuer ${upstream.idp.issuer}\\), expires .*Tokens stored in the OS keychain\\.`));

    // The running serve starts the server with the new sign-in; the list shows the account.
    const running = await waitForListed('remote', (entry) => entry.state === 'running', 'running');
    expect(running.signIn).toMatchObject({ state: 'signed-in', subject: 'erin', issuer: upstream.idp.issuer });
    const agent = new Client({ name: 'agent', version: '1.0.0' });
    await agent.connect(new StreamableHTTPClientTransport(new URL(`${serve.url}/mcp`)));
    try {
      const result = await vi.waitFor(() => agent.callTool({ name: 'remote__get_current_time', arguments: { timezone: 'UTC' } }), { timeout: 10_000, interval: 200 });
      expect(result.isError).not.toBe(true);
    } finally {
      await agent.close();
    }

    // The tokens: in the Secret Service, in no file under HOME or the XDG folders, on no output.
    expect(await secretToolLookup('mcp-toolkit', upstreamLoginAccount('remote'))).toBeDefined();
    const read = await readStoredLogin(createKeychainStore(), 'remote');
    const stored = read.kind === 'found' ? read.login : expect.fail(`no sign-in in the keychain (${read.kind})`);
    const { tokens } = stored;
    expect(upstream.authorizations).toContain(`Bearer ${tokens.access_token}`);
    expect(await filesContaining(tokens.access_token)).toEqual([]);
    expect(await filesContaining(tokens.refresh_token!)).toEqual([]);
    expect(await readFile(join(home, 'logins.json'), 'utf8')).toContain('"signed-in"'); // the index: no secret in it
    for (const output of [signedIn.stderr, JSON.stringify(running), serve.stderr()]) {
      expect(output).not.toContain(tokens.access_token);
      expect(output).not.toContain(tokens.refresh_token!);
    }

    const revocations = upstream.idp.countRequests('/token/revocation');
    const logout = await servers(['logout', 'remote']);
    expect(logout.code, logout.stderr).toBe(0);
    expect(logout.stdout).toBe('');
    expect(logout.stderr).toContain('signed out of remote: its tokens are deleted from the OS keychain');
    expect(upstream.idp.countRequests('/token/revocation')).toBeGreaterThan(revocations);
    expect(await secretToolLookup('mcp-toolkit', upstreamLoginAccount('remote'))).toBeUndefined();
    expect(await loginItems('remote')).toEqual([]);
    const refresh = await fetch(`${upstream.idp.issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: stored.client.clientId }),
    });
    expect(((await refresh.json()) as { error?: string }).error).toBe('invalid_grant');
    await waitForListed('remote', (entry) => entry.state === 'needs-sign-in', 'needs-sign-in after the logout');
  });

  it('refuses an authorization server that does not advertise S256, before any browser', async () => {
    const noS256 = await startProtectedUpstream({ hideS256: true });
    try {
      expect((await servers(['add', 'plain', '--url', noS256.spec.url])).code).toBe(0);
      const refused = await login('plain');
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toContain(`does not advertise PKCE with S256, which a safe sign-in requires; the toolkit will not sign in there. [UPSTREAM_LOGIN_NO_S256]`);
      expect(refused.stderr).not.toContain('opening the browser');
      expect(await loginItems('plain')).toEqual([]);
    } finally {
      await noS256.stop();
    }
  });
});
