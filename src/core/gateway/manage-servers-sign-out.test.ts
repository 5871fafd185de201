/**
 * Removing a remote server signs out of it first, with real parts: a real
 * `oidc-provider` (dynamic registration, revocation) behind this toolkit's
 * server in `oauth` mode, the real sign-in machinery over an in-memory
 * keychain that lists what it holds, and the settings file on disk.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signInWithFetch } from '../../../test/support/browser.js';
import { createListingSecretStore, type ListingSecretStore } from '../../../test/support/listing-secret-store.js';
import { startProtectedUpstream, type ProtectedUpstream } from '../../../test/support/protected-upstream.js';
import { createRunSettings, createSettingsStore } from '../config/index.js';
import { KeychainUnavailableError } from '../keychain/keychain-error.js';
import type { SecretStore } from '../keychain/secret-store.js';
import { upstreamLoginAccount } from '../upstream-login/accounts.js';
import { createUpstreamLogins, type UpstreamLoginsService } from '../upstream-login/create-upstream-logins.js';
import { readStoredLogin } from '../upstream-login/stored-login.js';
import { createServerManager } from './manage-servers.js';
import type { HttpUpstream } from './upstream-spec.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(secrets: SecretStore = createListingSecretStore()) {
  const folder = await mkdtemp(join(tmpdir(), 'manage-sign-out-'));
  cleanups.push(() => rm(folder, { recursive: true, force: true }));
  const upstream = await startProtectedUpstream();
  let stopped: Promise<void> | undefined;
  const stopUpstream = () => (stopped ??= upstream.stop());
  cleanups.push(stopUpstream);
  const indexFile = join(folder, 'logins.json');
  const logs: string[] = [];
  const logins: UpstreamLoginsService = createUpstreamLogins({ secrets, indexFile, log: (line) => logs.push(line) });
  cleanups.push(() => logins.close());
  const settings = createRunSettings({ file: createSettingsStore({ filePath: join(folder, 'settings.json') }), env: {} });
  const manager = createServerManager({ settings, secrets, env: { PATH: process.env.PATH ?? '' }, logins: () => logins, log: (line) => logs.push(line) });
  await manager.add({ kind: 'http', name: 'remote', url: upstream.spec.url });
  const spec: HttpUpstream = { ...upstream.spec, name: 'remote' };
  await logins.signIn(spec, { openUrl: (url) => signInWithFetch(url, 'alice') });
  const read = await readStoredLogin(secrets, 'remote');
  const login = read.kind === 'found' ? read.login : expect.fail(`no sign-in kept (${read.kind})`);
  return { upstream, stopUpstream, manager, logins, logs, indexFile, login };
}

/** The keychain accounts holding the sign-in of `name` (its entry and its parts). */
function loginAccounts(store: ListingSecretStore, name = 'remote'): string[] {
  const account = upstreamLoginAccount(name);
  return [...store.entries().keys()].filter((key) => key === account || key.startsWith(`${account}:`));
}

async function refreshError(upstream: ProtectedUpstream, refreshToken: string, clientId: string): Promise<string | undefined> {
  const response = await fetch(`${upstream.idp.issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId }),
  });
  return ((await response.json()) as { error?: string }).error;
}

describe('removing a remote server signs out of it', () => {
  it('revokes its tokens, deletes every keychain part and its logins.json entry, then removes it', async () => {
    const secrets = createListingSecretStore();
    const { upstream, manager, logins, logs, indexFile, login } = await setUp(secrets);
    expect(loginAccounts(secrets).length).toBeGreaterThan(1);
    expect(await readFile(indexFile, 'utf8')).toContain('"remote"');
    const revocations = upstream.idp.countRequests('/token/revocation');

    await manager.remove('remote');

    expect(await manager.list()).toEqual([]);
    expect(upstream.idp.countRequests('/token/revocation')).toBeGreaterThan(revocations);
    expect(await refreshError(upstream, login.tokens.refresh_token!, login.client.clientId)).toBe('invalid_grant');
    expect(loginAccounts(secrets)).toEqual([]);
    expect(await readFile(indexFile, 'utf8')).not.toContain('"remote"');
    expect(await logins.view('remote')).toBeUndefined();
    expect(logs.join('\n')).toMatch(/signed out of remote at .*: refresh token revoked/);
    expect(logs.join('\n')).not.toContain(login.tokens.refresh_token!);
  });

  it('still removes the server and deletes its tokens when the authorization server is down, saying so in the log', async () => {
    const secrets = createListingSecretStore();
    const { stopUpstream, manager, logs, indexFile, login } = await setUp(secrets);
    await stopUpstream();

    await manager.remove('remote');

    expect(await manager.list()).toEqual([]);
    expect(loginAccounts(secrets)).toEqual([]);
    expect(await readFile(indexFile, 'utf8')).not.toContain('"remote"');
    const said = logs.join('\n');
    expect(said).toMatch(/signed out of remote at .*: refresh token not revoked \(.+\), access token not revoked/);
    expect(said).not.toContain(login.tokens.refresh_token!);
    expect(said).not.toContain(login.tokens.access_token);
  });

  it('a keychain that does not answer does not block the removal (logged); any other sign-out failure refuses it, nothing changed', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'manage-sign-out-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const logs: string[] = [];
    let failure: Error = new KeychainUnavailableError({ operation: 'get', service: 'mcp-toolkit', account: 'server-login:remote', reason: 'no Secret Service' });
    const manager = createServerManager({
      settings: createRunSettings({ file: createSettingsStore({ filePath: join(folder, 'settings.json') }), env: {} }),
      secrets: createListingSecretStore(),
      logins: () => ({ signOut: () => Promise.reject(failure) }),
      log: (line) => logs.push(line),
    });
    await manager.add({ kind: 'http', name: 'remote', url: 'https://mcp.example.com/mcp' });
    await manager.remove('remote');
    expect(await manager.list()).toEqual([]);
    expect(logs.join('\n')).toContain('[gateway] removing `remote` without signing out of it: No OS keychain answered');

    failure = new Error('EACCES: permission denied, open logins.json');
    await manager.add({ kind: 'http', name: 'remote', url: 'https://mcp.example.com/mcp' });
    await expect(manager.remove('remote')).rejects.toThrow('cannot remove "remote": signing out of it failed: EACCES');
    expect((await manager.list()).map((server) => server.name)).toEqual(['remote']);
  });
});
