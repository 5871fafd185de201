/**
 * End to end, the way an agent meets an oauth-mode server: the MCP SDK
 * client's own OAuth support (`auth()` behind `StreamableHTTPClientTransport`
 * with an `OAuthClientProvider`) starts from our 401, reads our RFC 9728
 * protected resource metadata, finds the identity provider from it, signs in
 * with a real browser (chromium through the provider's login and consent
 * pages, back to a loopback listener), and lists tools with the token it got.
 *
 * The server's audience must be the resource indicator the SDK sends (RFC 8707:
 * the metadata's `resource`, `<server>/mcp`), which is only known once the port
 * is: the server is started on a port picked beforehand.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError as UnauthorizedErrorV1 } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport as HttpTransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  Client as ClientV2,
  StreamableHTTPClientTransport as HttpTransportV2,
  UnauthorizedError as UnauthorizedErrorV2,
} from '@modelcontextprotocol/client';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackListener, type LoopbackListener } from '../../src/core/login/index.js';
import type { RunningServer } from '../../src/core/server/index.js';
import { launchChromium, signInWithBrowser, type Chromium } from '../support/browser.js';
import { startOidcProvider, type OidcProviderFixture } from '../support/oidc-provider.js';
import { startTestServer } from '../support/test-server.js';
import { BrowserOAuthClientProvider } from './browser-oauth-client-provider.js';

/** The scope the client asks for (our metadata names none, so the SDK uses the client's). */
const CLIENT_SCOPE = 'mcp:tools';
/** How long the loopback listener waits for the browser. */
const CALLBACK_TIMEOUT_MS = 30_000;

let idp: OidcProviderFixture;
let chromium: Chromium;
let server: RunningServer | undefined;
let listener: LoopbackListener | undefined;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  [idp, chromium] = await Promise.all([startOidcProvider(), launchChromium()]);
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close().catch(() => undefined);
  await listener?.close().catch(() => undefined);
  await server?.close();
  listener = undefined;
  server = undefined;
});
afterAll(async () => {
  await chromium?.close();
  await idp?.stop();
});

/** A port free on 127.0.0.1 right now (bound to port 0, read, released). */
async function pickFreePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Our server in oauth mode, trusting the fixture, expecting tokens for its own
 * `/mcp` as audience. It fetches the issuer's keys in the background at start;
 * this waits (bounded) until it has them, so the provider requests the tests
 * look at afterwards are the client's alone.
 */
async function startOAuthServer(): Promise<RunningServer> {
  const port = await pickFreePort();
  const running = await startTestServer({ port, auth: 'oauth', oauth: { issuer: idp.issuer, audience: `http://127.0.0.1:${port}/mcp` } });
  const deadline = Date.now() + 5_000;
  while (running.issuerHealth()?.state !== 'ok') {
    if (Date.now() > deadline) throw new Error(`the server did not get the issuer's keys: ${JSON.stringify(running.issuerHealth())}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return running;
}

interface RecordedFetch {
  readonly method: string;
  readonly url: string;
  readonly status: number;
}

/** The fetch the SDK client uses for MCP, discovery and token requests, recorded. */
function recordingFetch(log: RecordedFetch[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    log.push({ method: request.method, url: request.url, status: response.status });
    return response;
  };
}

/**
 * What the agent sets up before connecting: a loopback listener for the
 * authorization response and a provider whose "system browser" is chromium.
 */
async function prepareSignIn(): Promise<{ provider: BrowserOAuthClientProvider; listener: LoopbackListener }> {
  const state = randomBytes(16).toString('base64url');
  listener = await startLoopbackListener({
    redirectUri: 'http://127.0.0.1:0/callback',
    state,
    issuer: idp.issuer,
    issuerParameterRequired: true,
    timeoutMs: CALLBACK_TIMEOUT_MS,
  });
  const provider = new BrowserOAuthClientProvider({
    clientId: idp.clientId,
    issuer: idp.issuer,
    redirectUrl: listener.redirectUri,
    state,
    scope: CLIENT_SCOPE,
    openBrowser: (url) => signInWithBrowser(chromium.context, url.href, { login: 'dana' }),
  });
  return { provider, listener };
}

/** The part of the story both SDK generations share: what happened before the code came back. */
function expectDiscoveryWentThroughUs(options: {
  serverUrl: string;
  provider: BrowserOAuthClientProvider;
  redirectUri: string;
  clientRequests: readonly RecordedFetch[];
}): void {
  const { serverUrl, provider, redirectUri, clientRequests } = options;
  const resource = `${serverUrl}/mcp`;
  const metadataUrl = `${serverUrl}/.well-known/oauth-protected-resource/mcp`;

  // Our 401 came first, then our metadata (the URL from the challenge), then the provider's metadata named in it.
  expect(clientRequests.slice(0, 3)).toEqual([
    { method: 'POST', url: resource, status: 401 },
    { method: 'GET', url: metadataUrl, status: 200 },
    { method: 'GET', url: `${idp.issuer}/.well-known/oauth-authorization-server`, status: 200 },
  ]);

  // The SDK took the resource and the issuer from our metadata.
  expect(provider.discovery?.resourceMetadata).toMatchObject({ resource, authorization_servers: [idp.issuer] });
  expect(provider.discovery?.authorizationServerMetadata?.code_challenge_methods_supported).toContain('S256');

  // One authorization request to the provider: PKCE S256, our resource, our loopback redirect.
  expect(provider.authorizationUrls).toHaveLength(1);
  const authorization = provider.authorizationUrls[0]!;
  expect(authorization.origin).toBe(idp.issuer);
  expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
    response_type: 'code',
    client_id: idp.clientId,
    code_challenge_method: 'S256',
    redirect_uri: redirectUri,
    resource,
  });
  // v2 adds `offline_access` when the client may refresh and the provider offers it.
  expect(authorization.searchParams.get('scope')?.split(' ')).toContain(CLIENT_SCOPE);
}

/** Provider requests from `from` on, as `METHOD /path` with interaction ids replaced by `:uid`, favicons left out. */
function providerRequestsSince(from: number): string[] {
  return idp.requests
    .slice(from)
    .filter((request) => request.pathname !== '/favicon.ico')
    .map((request) => `${request.method} ${request.pathname.replace(/^\/(interaction|auth)\/[^/]+$/, '/$1/:uid')}`);
}

/**
 * The provider saw the SDK's discovery, then the browser: the authorization
 * request, the login page and its form, the consent page and its form, the
 * redirect to our loopback, and finally the SDK redeeming the code.
 */
function expectProviderSawSignIn(from: number): void {
  expect(providerRequestsSince(from)).toEqual([
    'GET /.well-known/oauth-authorization-server',
    'GET /auth',
    'GET /interaction/:uid',
    'POST /interaction/:uid',
    'GET /auth/:uid',
    'GET /interaction/:uid',
    'POST /interaction/:uid',
    'GET /auth/:uid',
    'POST /token',
  ]);
}

/** The browser ended on our loopback callback page, which reported success. */
async function expectBrowserLandedOnCallback(provider: BrowserOAuthClientProvider, callback: URL): Promise<void> {
  const outcome = await provider.browserVisit!;
  expect(new URL(outcome.finalUrl).origin).toBe(callback.origin);
  expect(outcome.pageText).toContain('Signed in');
}

/** The token the SDK saved names our server as its audience and came from the provider. */
function expectTokenForUs(provider: BrowserOAuthClientProvider, serverUrl: string): void {
  const tokens = provider.tokens();
  expect(tokens?.token_type.toLowerCase()).toBe('bearer');
  const claims = decodeJwt(tokens!.access_token);
  expect(claims).toMatchObject({ iss: idp.issuer, aud: `${serverUrl}/mcp`, sub: 'dana' });
}

/** Exactly one refusal, the first tokenless request, counted by our metrics. */
function expectOneMissingTokenRefusal(running: RunningServer): void {
  const rejections = running.metrics.snapshot().rejections;
  expect(rejections.total).toBe(1);
  expect(rejections.byStatus['401']).toEqual({ total: 1, byReason: { AUTH_MISSING_TOKEN: 1 } });
}

describe('an MCP SDK client doing its own OAuth discovery against oauth mode', () => {
  it('v1 client (@modelcontextprotocol/sdk): 401 → our metadata → provider → browser sign-in → tools/list', async () => {
    server = await startOAuthServer();
    const serverUrl = server.url;
    const mcpUrl = new URL(`${serverUrl}/mcp`);
    const { provider, listener: loopback } = await prepareSignIn();
    const clientRequests: RecordedFetch[] = [];
    const providerMark = idp.requests.length;

    // First connect: no token yet, so the SDK runs discovery and sends the user to the browser.
    const firstTransport = new HttpTransportV1(mcpUrl, { authProvider: provider, fetch: recordingFetch(clientRequests) });
    const firstClient = new ClientV1({ name: 'sdk-discovery-v1', version: '1.0.0' });
    await expect(firstClient.connect(firstTransport)).rejects.toBeInstanceOf(UnauthorizedErrorV1);
    expectDiscoveryWentThroughUs({ serverUrl, provider, redirectUri: loopback.redirectUri, clientRequests });

    // The browser signs in and lands on our loopback listener, which checked state and iss.
    const callback = await loopback.callback;
    await expectBrowserLandedOnCallback(provider, callback);

    // The SDK redeems the code (PKCE verifier, resource indicator) and keeps the token.
    await firstTransport.finishAuth(callback.searchParams.get('code')!);
    expectProviderSawSignIn(providerMark);
    expectTokenForUs(provider, serverUrl);

    // Reconnect with the same provider: the token is sent, tools are listed.
    const transport = new HttpTransportV1(mcpUrl, { authProvider: provider, fetch: recordingFetch(clientRequests) });
    const client = new ClientV1({ name: 'sdk-discovery-v1', version: '1.0.0' });
    await client.connect(transport);
    closers.push(() => client.close());
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('get_current_time');
    const time = await client.callTool({ name: 'get_current_time', arguments: { timezone: 'UTC' } });
    expect(time.isError).toBeFalsy();

    expectOneMissingTokenRefusal(server);
    expect(clientRequests.filter((request) => request.status === 401)).toHaveLength(1);
  });

  it('v2 client (@modelcontextprotocol/client): the same flow, with iss checked by the SDK too', async () => {
    server = await startOAuthServer();
    const serverUrl = server.url;
    const mcpUrl = new URL(`${serverUrl}/mcp`);
    const { provider, listener: loopback } = await prepareSignIn();
    const clientRequests: RecordedFetch[] = [];
    const providerMark = idp.requests.length;

    const firstTransport = new HttpTransportV2(mcpUrl, { authProvider: provider, fetch: recordingFetch(clientRequests) });
    const firstClient = new ClientV2({ name: 'sdk-discovery-v2', version: '2.0.0' });
    await expect(firstClient.connect(firstTransport)).rejects.toBeInstanceOf(UnauthorizedErrorV2);
    expectDiscoveryWentThroughUs({ serverUrl, provider, redirectUri: loopback.redirectUri, clientRequests });

    const callback = await loopback.callback;
    await expectBrowserLandedOnCallback(provider, callback);

    // v2 takes the whole callback query: it checks `iss` (RFC 9207) before redeeming `code`.
    await firstTransport.finishAuth(callback.searchParams);
    expectProviderSawSignIn(providerMark);
    expectTokenForUs(provider, serverUrl);

    const transport = new HttpTransportV2(mcpUrl, { authProvider: provider, fetch: recordingFetch(clientRequests) });
    const client = new ClientV2({ name: 'sdk-discovery-v2', version: '2.0.0' });
    await client.connect(transport);
    closers.push(() => client.close());
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('get_current_time');

    expectOneMissingTokenRefusal(server);
    expect(clientRequests.filter((request) => request.status === 401)).toHaveLength(1);
  });
});
