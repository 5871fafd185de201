import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore, createUnavailableSecretStore, type SecretStore } from '../../src/core/keychain/index.js';
import { launchChromium, signInWithBrowser, type BrowserOutcome, type Chromium } from '../support/browser.js';
import { startOidcProvider, type OidcProviderFixture } from '../support/oidc-provider.js';
import { LoginError } from '../../src/core/login/login-error.js';
import { DEFAULT_SESSION_ACCOUNT, loadSession, sessionAccount } from '../../src/core/login/session-store.js';
import { signIn, type SignInOptions, type SignInEvent } from '../../src/core/login/sign-in.js';

const RESOURCE = 'http://127.0.0.1:4321/mcp';

let idp: OidcProviderFixture;
let browser: Chromium;

beforeAll(async () => {
  [idp, browser] = await Promise.all([startOidcProvider({ resource: RESOURCE }), launchChromium()]);
});
afterAll(async () => {
  await Promise.all([idp?.stop(), browser?.close()]);
});

/** A sign-in against the fixture on a free loopback port, recording progress. */
function signInTo(overrides: Partial<SignInOptions> & Pick<SignInOptions, 'openUrl' | 'store'>) {
  const events: SignInEvent[] = [];
  const result = signIn({
    issuer: idp.issuer,
    clientId: idp.clientId,
    redirectUri: 'http://127.0.0.1:0/callback',
    resource: RESOURCE,
    scope: 'openid offline_access mcp:tools',
    timeoutMs: 30_000,
    onProgress: (event) => events.push(event),
    ...overrides,
  });
  return { result, events };
}

async function failure(promise: Promise<unknown>): Promise<LoginError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoginError);
  return error as LoginError;
}

async function expectNothingStored(store: SecretStore): Promise<void> {
  expect(await store.get(DEFAULT_SESSION_ACCOUNT)).toBeUndefined();
  expect(await store.get(sessionAccount(idp.issuer))).toBeUndefined();
}

/** A stand-in authorization server that only publishes the given metadata (for the no-S256 case). */
async function startMetadataServer(extra: Record<string, unknown>): Promise<{ issuer: string; stop(): Promise<void> }> {
  let issuer = '';
  const server: Server = createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          response_types_supported: ['code'],
          ...extra,
        }),
      );
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('signIn: PKCE sign-in through a real browser against a real OpenID provider', () => {
  it('signs in, stores the session in the keychain store and reports each step', async () => {
    const store = createMemorySecretStore();
    let browserDriver: Promise<BrowserOutcome> | undefined;
    const { result, events } = signInTo({
      store,
      openUrl: (url) => void (browserDriver = signInWithBrowser(browser.context, url, { login: 'alice' })),
    });

    const session = await result;
    const browserOutcome = await browserDriver;

    // The token is a real JWT for the requested resource, for the user who typed her name.
    const claims = decodeJwt(session.accessToken);
    expect(claims).toMatchObject({ iss: idp.issuer, aud: RESOURCE, sub: 'alice', client_id: idp.clientId });
    expect(session).toMatchObject({ issuer: idp.issuer, clientId: idp.clientId, subject: 'alice', subjectSource: 'id_token' });
    expect(session.refreshToken).toBeTruthy();
    expect(session.expiresAt).toBeGreaterThan(Date.now() + 200_000);

    // The authorization request carried S256 PKCE, state and the resource indicator.
    const waiting = events[0];
    expect(waiting?.type).toBe('waiting-for-browser');
    const authorizationUrl = new URL((waiting as { url: string }).url);
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorizationUrl.searchParams.get('state')).toBeTruthy();
    expect(authorizationUrl.searchParams.get('resource')).toBe(RESOURCE);
    expect(events.map((event) => event.type)).toEqual(['waiting-for-browser', 'exchanging', 'done']);
    expect(JSON.stringify(events.at(-1))).not.toContain(session.accessToken);

    // The browser was told it worked, and saw no secret.
    expect(browserOutcome?.pageText).toContain('Signed in');
    expect(browserOutcome?.pageText).not.toContain(session.accessToken);

    // The store holds it as the default session.
    expect(await store.get(DEFAULT_SESSION_ACCOUNT)).toBe(idp.issuer);
    expect(await loadSession(store)).toEqual(session);
  });

  it('fails with ACCESS_DENIED when the user cancels on the consent page, and stores nothing', async () => {
    const store = createMemorySecretStore();
    let browserDriver: Promise<BrowserOutcome> | undefined;
    const { result, events } = signInTo({
      store,
      openUrl: (url) => void (browserDriver = signInWithBrowser(browser.context, url, { decision: 'deny' })),
    });

    const error = await failure(result);
    const browserOutcome = await browserDriver;
    expect(error.code).toBe('ACCESS_DENIED');
    expect(error.message).toContain('End-User aborted interaction');
    expect(events.at(-1)).toMatchObject({ type: 'failed', code: 'ACCESS_DENIED' });
    expect(browserOutcome?.pageText).toContain('Sign-in failed');
    await expectNothingStored(store);
  });

  it('refuses an issuer whose metadata lacks S256, before opening any browser', async () => {
    for (const metadata of [{ code_challenge_methods_supported: ['plain'] }, {}]) {
      const fake = await startMetadataServer(metadata);
      const store = createMemorySecretStore();
      let opened = false;
      try {
        const { result } = signInTo({ issuer: fake.issuer, store, openUrl: () => void (opened = true) });
        expect((await failure(result)).code).toBe('PKCE_S256_UNSUPPORTED');
      } finally {
        await fake.stop();
      }
      expect(opened).toBe(false);
      await expectNothingStored(store);
    }
  });

  it('fails with ISSUER_UNREACHABLE when nothing answers at the issuer', async () => {
    const closed = await startMetadataServer({});
    await closed.stop();
    const { result } = signInTo({ issuer: closed.issuer, store: createMemorySecretStore(), openUrl: () => {} });
    const error = await failure(result);
    expect(error.code).toBe('ISSUER_UNREACHABLE');
    expect(error.message).toContain(closed.issuer);
  });

  it('refuses plain http for an issuer that is not on this machine, without any request', async () => {
    const { result, events } = signInTo({ issuer: 'http://id.example.com', store: createMemorySecretStore(), openUrl: () => {} });
    expect((await failure(result)).code).toBe('INSECURE_ISSUER');
    expect(events).toEqual([expect.objectContaining({ type: 'failed', code: 'INSECURE_ISSUER' })]);
  });

  it('fails with PORT_IN_USE when the redirect port is taken, before opening the browser', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    let opened = false;
    try {
      const { result } = signInTo({
        redirectUri: `http://127.0.0.1:${port}/callback`,
        store: createMemorySecretStore(),
        openUrl: () => void (opened = true),
      });
      const error = await failure(result);
      expect(error.code).toBe('PORT_IN_USE');
      expect(error.message).toContain(String(port));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    expect(opened).toBe(false);
  });

  it('is cancelled by its AbortSignal while waiting for the browser', async () => {
    const controller = new AbortController();
    const store = createMemorySecretStore();
    const { result, events } = signInTo({ store, signal: controller.signal, openUrl: () => controller.abort() });
    expect((await failure(result)).code).toBe('CANCELLED');
    expect(events.map((event) => event.type)).toEqual(['waiting-for-browser', 'cancelled']);
    await expectNothingStored(store);
  });

  it('times out when the browser never comes back', async () => {
    const { result, events } = signInTo({ store: createMemorySecretStore(), timeoutMs: 300, openUrl: () => {} });
    expect((await failure(result)).code).toBe('TIMEOUT');
    expect(events.at(-1)).toMatchObject({ type: 'failed', code: 'TIMEOUT' });
  });

  it('fails with BROWSER_OPEN_FAILED when the browser cannot be opened', async () => {
    const { result } = signInTo({
      store: createMemorySecretStore(),
      openUrl: () => Promise.reject(new Error('xdg-open: not found')),
    });
    const error = await failure(result);
    expect(error.code).toBe('BROWSER_OPEN_FAILED');
    expect(error.message).toContain('xdg-open: not found');
  });

  it('fails with STORE_FAILED when the keychain refuses the session', async () => {
    const { result } = signInTo({
      store: createUnavailableSecretStore(),
      openUrl: (url) => void (browserDriver = signInWithBrowser(browser.context, url)),
    });
    let browserDriver: Promise<BrowserOutcome> | undefined;
    const error = await failure(result);
    await browserDriver;
    expect(error.code).toBe('STORE_FAILED');
    expect(error.message).toContain('keychain');
  });
});
