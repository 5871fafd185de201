/**
 * Sign-in to a remote MCP server end to end, in process, with real parts: a
 * real `oidc-provider` (dynamic registration, resource indicators,
 * revocation), this toolkit's server in `oauth` mode as the protected
 * upstream, the SDK client's transport with our provider, and the browser
 * walked with plain fetch (test/support/browser.ts).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signInWithFetch } from '../../../test/support/browser.js';
import { createListingSecretStore, type ListingSecretStore } from '../../../test/support/listing-secret-store.js';
import { callThrough, startProtectedUpstream, UPSTREAM_SCOPE, type ProtectedUpstream } from '../../../test/support/protected-upstream.js';
import { createMemorySecretStore } from '../keychain/index.js';
import { MAX_FOREIGN_CALLBACKS } from '../login/loopback-listener.js';
import type { SecretStore } from '../keychain/secret-store.js';
import { configuredClientSecretAccount, oauthClientAccount, upstreamLoginAccount } from './accounts.js';
import { createUpstreamLogins, type UpstreamLoginsService } from './create-upstream-logins.js';
import { readStoredLogin, writeStoredLogin } from './stored-login.js';
import { UpstreamNeedsSignInError, type UpstreamSignInEvent } from './types.js';
import type { HttpUpstream } from '../gateway/upstream-spec.js';

interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly body?: string;
}

let upstream: ProtectedUpstream;
let folder: string;
const opened: UpstreamLoginsService[] = [];

beforeAll(async () => {
  upstream = await startProtectedUpstream();
});
afterAll(async () => {
  await upstream?.stop();
});
afterEach(async () => {
  for (const logins of opened.splice(0)) logins.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function setUp(options: { secrets?: SecretStore; indexFile?: string } = {}) {
  folder = await mkdtemp(join(tmpdir(), 'upstream-logins-'));
  const secrets = options.secrets ?? createMemorySecretStore();
  const indexFile = options.indexFile ?? join(folder, 'logins.json');
  const sent: SentRequest[] = [];
  const logs: string[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = request.method === 'POST' ? await request.clone().text() : undefined;
    const response = await fetch(request);
    sent.push({ method: request.method, url: request.url, status: response.status, ...(body !== undefined ? { body } : {}) });
    return response;
  };
  const logins = createUpstreamLogins({
    secrets,
    indexFile,
    fetch: recordingFetch,
    log: (line) => logs.push(line),
    configuredClientRedirectUri: 'http://127.0.0.1:0/callback',
  });
  opened.push(logins);
  return { logins, secrets, indexFile, sent, logs };
}

/** Signs in with the browser walked by fetch; returns the steps reported and the authorization URL. */
async function signIn(logins: UpstreamLoginsService, spec: HttpUpstream = upstream.spec) {
  const steps: UpstreamSignInEvent[] = [];
  let authorizationUrl: URL | undefined;
  const view = await logins.signIn(spec, {
    openUrl: (url) => {
      authorizationUrl = new URL(url);
      return signInWithFetch(url, 'alice');
    },
    onProgress: (event) => steps.push(event),
  });
  return { view, steps, authorizationUrl: authorizationUrl! };
}

/** The keychain accounts holding the sign-in of `name` (its entry and its parts). */
function loginAccounts(store: ListingSecretStore, name = 'remote'): string[] {
  const account = upstreamLoginAccount(name);
  return [...store.entries().keys()].filter((key) => key === account || key.startsWith(`${account}:`));
}

async function storedLogin(secrets: SecretStore, name = 'remote') {
  const read = await readStoredLogin(secrets, name);
  return read.kind === 'found' ? read.login : undefined;
}

describe('signing in to a remote server', () => {
  it('registers dynamically, signs in with PKCE and the resource indicator, and the transport then calls tools', async () => {
    const { logins, secrets, indexFile, sent } = await setUp();
    const { view, steps, authorizationUrl } = await signIn(logins);

    expect(steps.map((event) => event.step)).toEqual(['discovering', 'registering', 'waiting-for-browser', 'exchanging', 'done']);
    expect(view).toMatchObject({ state: 'signed-in', issuer: upstream.idp.issuer, subject: 'alice' });
    expect(view.scopes).toContain(UPSTREAM_SCOPE);
    expect(view.expiresAt).toBeGreaterThan(Date.now());
    expect(await logins.view('remote')).toEqual(view);

    // Discovery: the 401's challenge first, then the metadata it names, then the provider's.
    expect(sent.slice(0, 3).map(({ method, url, status }) => ({ method, url, status }))).toEqual([
      { method: 'POST', url: upstream.spec.url, status: 401 },
      { method: 'GET', url: `${upstream.server.url}/.well-known/oauth-protected-resource/mcp`, status: 200 },
      { method: 'GET', url: `${upstream.idp.issuer}/.well-known/oauth-authorization-server`, status: 200 },
    ]);
    // DCR: a native public client named MCP Toolkit, on a loopback redirect.
    const registration = sent.find((request) => request.url.endsWith('/reg'));
    expect(JSON.parse(registration!.body!)).toMatchObject({
      client_name: 'MCP Toolkit',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: [expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/callback$/)],
    });
    // PKCE S256 and the resource indicator in the authorization request and in the token request.
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('resource')).toBe(upstream.spec.url);
    expect(authorizationUrl.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining([UPSTREAM_SCOPE, 'openid', 'offline_access']));
    const tokenRequest = new URLSearchParams(sent.find((request) => request.url.endsWith('/token'))!.body);
    expect(tokenRequest.get('grant_type')).toBe('authorization_code');
    expect(tokenRequest.get('resource')).toBe(upstream.spec.url);

    // The keychain holds the tokens and the registration; the index file holds no secret.
    const login = await storedLogin(secrets);
    expect(login?.tokens.refresh_token).toBeTruthy();
    expect(await secrets.get(oauthClientAccount(upstream.idp.issuer))).toContain(login!.client.clientId);
    const index = await readFile(indexFile, 'utf8');
    expect(index).toContain('"signed-in"');
    expect(index).not.toContain(login!.tokens.access_token);
    expect(index).not.toContain(login!.tokens.refresh_token!);

    expect(await callThrough(upstream.spec, logins.providerFor(upstream.spec))).toBe(true);
  });
});

/** The needs-sign-in error the SDK let through (directly, or as the cause of its own error). */
function needsSignInIn(error: unknown): UpstreamNeedsSignInError | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof UpstreamNeedsSignInError) return current;
  }
  return undefined;
}

async function expectNeedsSignIn(call: Promise<unknown>): Promise<UpstreamNeedsSignInError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  const found = needsSignInIn(error);
  expect(found, `expected UpstreamNeedsSignInError, got ${String(error)}`).toBeInstanceOf(UpstreamNeedsSignInError);
  return found!;
}

function countTokenRequests(sent: readonly SentRequest[], grantType: string): number {
  return sent.filter((request) => request.url.endsWith('/token') && new URLSearchParams(request.body).get('grant_type') === grantType).length;
}

describe('client identity', () => {
  it('uses a configured client ID without registering', async () => {
    const { logins, secrets, sent } = await setUp();
    const spec: HttpUpstream = { ...upstream.spec, name: 'configured', auth: { clientId: upstream.idp.clientId, issuer: upstream.idp.issuer } };
    const { view, steps, authorizationUrl } = await signIn(logins, spec);
    expect(steps.map((event) => event.step)).toEqual(['discovering', 'waiting-for-browser', 'exchanging', 'done']);
    expect(view.state).toBe('signed-in');
    expect(authorizationUrl.searchParams.get('client_id')).toBe(upstream.idp.clientId);
    expect(sent.some((request) => request.url.endsWith('/reg'))).toBe(false);
    expect((await storedLogin(secrets, 'configured'))?.client).toEqual({ kind: 'configured', clientId: upstream.idp.clientId });
    expect(await callThrough(spec, logins.providerFor(spec))).toBe(true);
  });

  it('reuses the registration kept for the authorization server', async () => {
    const { logins, sent } = await setUp();
    await signIn(logins);
    const again = await signIn(logins, { ...upstream.spec, name: 'second' });
    expect(again.steps.map((event) => event.step)).not.toContain('registering');
    expect(sent.filter((request) => request.url.endsWith('/reg'))).toHaveLength(1);
  });
});

describe('the transport provider', () => {
  it('without a sign-in: the 401 leads to needs-sign-in ("never signed in"), recorded in the index', async () => {
    const { logins } = await setUp();
    const changes: string[] = [];
    logins.onChange((name) => changes.push(name));
    const error = await expectNeedsSignIn(callThrough(upstream.spec, logins.providerFor(upstream.spec)));
    expect(error).toMatchObject({ server: 'remote', reason: 'never signed in', code: 'UPSTREAM_NEEDS_SIGN_IN' });
    expect(error.message).toContain('mcp-toolkit servers login remote');
    expect(await logins.view('remote')).toMatchObject({ state: 'needs-sign-in', reason: 'never signed in' });
    expect(changes).toContain('remote');
  });

  it('refreshes an access token about to expire before sending it, without the user', async () => {
    const { logins, secrets, sent } = await setUp();
    await signIn(logins);
    const login = (await storedLogin(secrets))!;
    await writeStoredLogin(secrets, 'remote', { ...login, expiresAt: Date.now() - 1_000 });

    expect(await callThrough(upstream.spec, logins.providerFor(upstream.spec))).toBe(true);
    expect(countTokenRequests(sent, 'refresh_token')).toBe(1);
    const refreshRequest = new URLSearchParams(sent.find((request) => new URLSearchParams(request.body).get('grant_type') === 'refresh_token')!.body);
    expect(refreshRequest.get('resource')).toBe(upstream.spec.url);
    const refreshed = (await storedLogin(secrets))!;
    expect(refreshed.tokens.access_token).not.toBe(login.tokens.access_token);
    expect(refreshed.expiresAt).toBeGreaterThan(Date.now());
    expect((await logins.view('remote'))?.expiresAt).toBe(refreshed.expiresAt);
  });

  it('two processes about to refresh the same sign-in spend its refresh token once, and both use the new tokens', async () => {
    const first = await setUp();
    await signIn(first.logins);
    const login = (await storedLogin(first.secrets))!;
    await writeStoredLogin(first.secrets, 'remote', { ...login, expiresAt: Date.now() - 1_000 });
    // Another process: its own book over the same keychain and index file (the app, and an agent's `mcp-toolkit stdio`).
    const firstFolder = folder;
    const second = await setUp({ secrets: first.secrets, indexFile: first.indexFile });
    try {
      const [a, b] = await Promise.all([first.logins.providerFor(upstream.spec).tokens(), second.logins.providerFor(upstream.spec).tokens()]);
      expect(countTokenRequests(first.sent, 'refresh_token') + countTokenRequests(second.sent, 'refresh_token')).toBe(1);
      expect(a?.access_token).toBe(b?.access_token);
      expect(a?.access_token).not.toBe(login.tokens.access_token);
      expect((await storedLogin(first.secrets))?.tokens.access_token).toBe(a?.access_token);
      expect(await first.logins.view('remote')).toMatchObject({ state: 'signed-in' });
      expect(await callThrough(upstream.spec, second.logins.providerFor(upstream.spec))).toBe(true);
    } finally {
      await rm(firstFolder, { recursive: true, force: true });
    }
  });

  it('does not refresh a short-lived token before every request: the margin is a quarter of its life', async () => {
    const { logins, secrets, sent } = await setUp();
    await signIn(logins);
    const login = (await storedLogin(secrets))!;
    // A 30 s token with 20 s left: not refreshed (a fixed 60 s margin would refresh it on every request).
    await writeStoredLogin(secrets, 'remote', { ...login, lifetimeMs: 30_000, expiresAt: Date.now() + 20_000 });
    expect(await callThrough(upstream.spec, logins.providerFor(upstream.spec))).toBe(true);
    expect(countTokenRequests(sent, 'refresh_token')).toBe(0);

    // With 5 s left (under a quarter of 30 s) it is (a new process: the first one keeps what it read).
    const later = await setUp();
    await signIn(later.logins);
    const laterLogin = (await storedLogin(later.secrets))!;
    await writeStoredLogin(later.secrets, 'remote', { ...laterLogin, lifetimeMs: 30_000, expiresAt: Date.now() + 5_000 });
    expect(await callThrough(upstream.spec, later.logins.providerFor(upstream.spec))).toBe(true);
    expect(countTokenRequests(later.sent, 'refresh_token')).toBe(1);
    expect((await storedLogin(later.secrets))?.lifetimeMs).toBeGreaterThan(0);
  });

  it('refreshes through the SDK when the server refuses the token (401)', async () => {
    const { logins, secrets } = await setUp();
    await signIn(logins);
    const login = (await storedLogin(secrets))!;
    await writeStoredLogin(secrets, 'remote', { ...login, tokens: { ...login.tokens, access_token: 'not-a-valid-token' } });

    // The SDK's auth() on a 401 uses the transport's fetch, so count at the provider.
    const tokenRequests = upstream.idp.countRequests('/token');
    expect(await callThrough(upstream.spec, logins.providerFor(upstream.spec))).toBe(true);
    expect(upstream.idp.countRequests('/token')).toBe(tokenRequests + 1);
    expect((await storedLogin(secrets))!.tokens.access_token).not.toBe('not-a-valid-token');
  });

  it('a revoked refresh token: needs-sign-in with the reason, tokens dropped, no retry loop', async () => {
    const listing = createListingSecretStore();
    const { logins, secrets, sent } = await setUp({ secrets: listing });
    await signIn(logins);
    const login = (await storedLogin(secrets))!;
    const revocation = await fetch(`${upstream.idp.issuer}/token/revocation`, {
      method: 'POST',
      body: new URLSearchParams({ token: login.tokens.refresh_token!, token_type_hint: 'refresh_token', client_id: login.client.clientId }),
    });
    expect(revocation.status).toBe(200);
    await writeStoredLogin(secrets, 'remote', { ...login, expiresAt: Date.now() - 1_000 });

    const provider = logins.providerFor(upstream.spec);
    const error = await expectNeedsSignIn(callThrough(upstream.spec, provider));
    expect(error.reason).toMatch(/could not be refreshed.*invalid_grant/);
    expect(await logins.view('remote')).toMatchObject({ state: 'needs-sign-in', reason: error.reason, issuer: upstream.idp.issuer });
    expect(loginAccounts(listing)).toEqual([]);

    // Again: the same answer, without asking the authorization server again.
    const refreshes = countTokenRequests(sent, 'refresh_token');
    expect((await expectNeedsSignIn(callThrough(upstream.spec, provider))).reason).toBe(error.reason);
    expect(countTokenRequests(sent, 'refresh_token')).toBe(refreshes);
  });
});

describe('refusals', () => {
  it('signs in only at the authorization server the settings name (auth.issuer), before any browser', async () => {
    const { logins, sent } = await setUp();
    let opened = false;
    const spec: HttpUpstream = { ...upstream.spec, auth: { issuer: 'https://id.elsewhere.example' } };
    const failure = logins.signIn(spec, { openUrl: () => void (opened = true) });
    await expect(failure).rejects.toMatchObject({ code: 'UPSTREAM_LOGIN_ISSUER_MISMATCH', message: expect.stringContaining(`names the authorization server ${upstream.idp.issuer}`) });
    expect(opened).toBe(false);
    expect(sent.some((request) => request.url.endsWith('/reg') || request.url.endsWith('/token'))).toBe(false);
    expect(await logins.view('remote')).toBeUndefined();
  });

  it('never sends a configured client secret when the settings name no authorization server for it', async () => {
    const { logins, secrets, sent } = await setUp();
    await secrets.set(configuredClientSecretAccount('configured'), 'client-secret-value');
    let opened = false;
    const spec: HttpUpstream = { ...upstream.spec, name: 'configured', auth: { clientId: upstream.idp.clientId } };
    const failure = logins.signIn(spec, { openUrl: () => void (opened = true) });
    await expect(failure).rejects.toMatchObject({ code: 'UPSTREAM_LOGIN_ISSUER_REQUIRED', message: expect.stringContaining('--issuer') });
    expect(opened).toBe(false);
    expect(sent.some((request) => request.body?.includes('client-secret-value'))).toBe(false);
  });

  it('refuses an authorization server that does not advertise S256, before any browser', async () => {
    const noS256 = await startProtectedUpstream({ hideS256: true });
    try {
      const { logins } = await setUp();
      const steps: UpstreamSignInEvent[] = [];
      let opened = false;
      const failure = logins.signIn(noS256.spec, { openUrl: () => void (opened = true), onProgress: (event) => steps.push(event) });
      await expect(failure).rejects.toMatchObject({ code: 'UPSTREAM_LOGIN_NO_S256', message: expect.stringContaining('S256') });
      expect(opened).toBe(false);
      expect(steps.at(-1)).toMatchObject({ step: 'failed', code: 'UPSTREAM_LOGIN_NO_S256' });
      expect(await logins.view('remote')).toBeUndefined();
    } finally {
      await noS256.stop();
    }
  });

  it('answers callbacks naming another issuer (RFC 9207) with 400, gives up after a few, and stores nothing', async () => {
    const { logins, secrets } = await setUp();
    let sent: Promise<number[]> | undefined;
    const failure = logins.signIn(upstream.spec, {
      openUrl: (url) => {
        const request = new URL(url).searchParams;
        const callback = new URL(request.get('redirect_uri')!);
        callback.search = new URLSearchParams({ code: 'forged-code', state: request.get('state')!, iss: 'http://127.0.0.1:1/evil' }).toString();
        sent = (async () => {
          const statuses: number[] = [];
          for (let attempt = 0; attempt < MAX_FOREIGN_CALLBACKS; attempt += 1) statuses.push((await fetch(callback)).status);
          return statuses;
        })();
      },
    });
    await expect(failure).rejects.toMatchObject({ code: 'UPSTREAM_LOGIN_ISSUER_MISMATCH' });
    expect(await sent).toEqual(Array(MAX_FOREIGN_CALLBACKS).fill(400));
    expect(await secrets.get(upstreamLoginAccount('remote'))).toBeUndefined();
    expect(await logins.view('remote')).toBeUndefined();
  });

  it('a stray callback with another state does not end the sign-in: the browser\'s callback after it completes', async () => {
    const { logins } = await setUp();
    let stray: Response | undefined;
    const view = await logins.signIn(upstream.spec, {
      openUrl: async (url) => {
        const callback = new URL(new URL(url).searchParams.get('redirect_uri')!);
        callback.search = new URLSearchParams({ code: 'forged-code', state: 'not-the-state' }).toString();
        stray = await fetch(callback);
        await signInWithFetch(url, 'alice');
      },
    });
    expect(stray?.status).toBe(400);
    expect(await stray?.text()).toContain('does not belong to the sign-in in progress');
    expect(view).toMatchObject({ state: 'signed-in', subject: 'alice' });
  });

  it('cancels mid-flight: the listener closes at once and nothing is stored', async () => {
    const { logins, secrets } = await setUp();
    const controller = new AbortController();
    const steps: UpstreamSignInEvent[] = [];
    let redirectUri: string | undefined;
    const failure = logins.signIn(upstream.spec, {
      signal: controller.signal,
      onProgress: (event) => steps.push(event),
      openUrl: (url) => {
        redirectUri = new URL(url).searchParams.get('redirect_uri')!;
        controller.abort();
      },
    });
    await expect(failure).rejects.toMatchObject({ code: 'UPSTREAM_LOGIN_CANCELLED' });
    expect(steps.at(-1)).toEqual({ step: 'cancelled' });
    await expect(fetch(redirectUri!)).rejects.toThrow();
    expect(await secrets.get(upstreamLoginAccount('remote'))).toBeUndefined();
  });
});

describe('signing out and changes', () => {
  it('revokes the tokens, deletes them (every part) and the index entry, keeps the registration', async () => {
    const listing = createListingSecretStore();
    const { logins, secrets, logs } = await setUp({ secrets: listing });
    await signIn(logins);
    const login = (await storedLogin(secrets))!;
    expect(loginAccounts(listing).length).toBeGreaterThan(2);
    await logins.signOut(upstream.spec);

    // oidc-provider revokes the grant with the refresh token; its JWT access tokens cannot be revoked (they expire).
    expect(logs.join('\n')).toMatch(/signed out of remote at .*: refresh token revoked, access token not revoked \(unsupported_token_type\)/);
    expect(logs.join('\n')).not.toContain(login.tokens.refresh_token!);
    expect(loginAccounts(listing)).toEqual([]);
    expect(await secrets.get(oauthClientAccount(upstream.idp.issuer))).toBeDefined();
    expect(await logins.view('remote')).toBeUndefined();
    const refresh = await fetch(`${upstream.idp.issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: login.tokens.refresh_token!, client_id: login.client.clientId }),
    });
    expect(((await refresh.json()) as { error?: string }).error).toBe('invalid_grant');
  });

  it('revokes at an authorization server found through OpenID discovery only (the SDK drops its revocation endpoint)', async () => {
    const oidcOnly = await startProtectedUpstream({ hideWellKnown: ['oauth-authorization-server'] });
    try {
      const { logins, logs } = await setUp();
      await signIn(logins, oidcOnly.spec);
      await logins.signOut(oidcOnly.spec);
      expect(oidcOnly.idp.countRequests('/token/revocation')).toBeGreaterThanOrEqual(1);
      expect(logs.join('\n')).toMatch(/refresh token revoked/);
    } finally {
      await oidcOnly.stop();
    }
  });

  it('signing in after the server\'s URL changed first revokes and deletes the sign-in made for the old URL', async () => {
    const moved = await startProtectedUpstream();
    try {
      const { logins, secrets, logs } = await setUp();
      await signIn(logins);
      const old = (await storedLogin(secrets))!;
      const revocations = upstream.idp.countRequests('/token/revocation');

      const { view } = await signIn(logins, moved.spec);
      expect(upstream.idp.countRequests('/token/revocation')).toBeGreaterThan(revocations);
      expect(logs.join('\n')).toContain(`remote now points at ${moved.spec.url}: signing out of its sign-in for ${upstream.spec.url} first`);
      const refresh = await fetch(`${upstream.idp.issuer}/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: old.tokens.refresh_token!, client_id: old.client.clientId }),
      });
      expect(((await refresh.json()) as { error?: string }).error).toBe('invalid_grant');
      expect(view).toMatchObject({ state: 'signed-in', issuer: moved.idp.issuer });
      expect((await storedLogin(secrets))?.url).toBe(moved.spec.url);
    } finally {
      await moved.stop();
    }
  });

  it('another process\'s sign-in is seen through the index file', async () => {
    const { logins, secrets, indexFile } = await setUp();
    const other = createUpstreamLogins({ secrets, indexFile, log: () => undefined });
    opened.push(other);
    const seen = new Promise<string>((resolve) => other.onChange(resolve));
    await signIn(logins);
    expect(await seen).toBe('remote');
    expect((await other.view('remote'))?.state).toBe('signed-in');
  });
});
