/**
 * Remote upstreams the toolkit signs in to: the gateway calls them with their
 * own token (from `UpstreamLogins`), waits in `needs-sign-in` when the user
 * must sign in, starts again after a sign-in, asks for the extra scope of a
 * 403 `insufficient_scope`, and never passes a token between an agent and an
 * upstream. Real toolkit server, real protected upstream on 127.0.0.1, real
 * SDK clients.
 *
 * The sign-ins come from the static double (`createStaticUpstreamLogins`);
 * the same cases hold with the real `createUpstreamLogins`, whose provider
 * throws `UpstreamNeedsSignInError` at the same place.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemorySecretStore } from '../../src/core/keychain/index.js';
import { createStaticUpstreamLogins, type StaticUpstreamLogins } from '../../src/core/upstream-login/testing/static-upstream-logins.js';
import type { HttpUpstreamSettings, UpstreamView } from '../../src/shared/gateway-types.js';
import { startOidcProvider, type OidcProviderFixture } from '../support/oidc-provider.js';
import { startTestServer, TEST_API_KEY, type ConfigOverrides } from '../support/test-server.js';
import { ADMIN_SCOPE, startProtectedUpstream, type ProtectedUpstream } from './protected-upstream.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
});

function remote(url: string, extra: Partial<HttpUpstreamSettings> = {}): HttpUpstreamSettings {
  return { kind: 'http', name: 'remote', enabled: true, url, headers: {}, secrets: [], disabledTools: [], ...extra };
}

async function upstream(tokens: Record<string, readonly string[]>): Promise<ProtectedUpstream> {
  const started = await startProtectedUpstream((token) => tokens[token]);
  closers.push(() => started.close());
  return started;
}

async function toolkit(servers: HttpUpstreamSettings[], logins: StaticUpstreamLogins, config: ConfigOverrides = {}, secrets = createMemorySecretStore()): Promise<Server> {
  const state = mkdtempSync(join(tmpdir(), 'mcp-sign-in-'));
  const server = await startTestServer({ servers, ...config }, { secrets, gateway: { stateDir: state, pinsFile: join(state, 'tool-pins.json'), logins } });
  closers.push(() => server.close());
  return server;
}

/** What the agent received, every byte of it: bodies and headers. */
interface AgentWire {
  readonly seen: string[];
}

async function agent(server: Server, headers: Record<string, string> = {}): Promise<Client & AgentWire> {
  const seen: string[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    seen.push(JSON.stringify([...response.headers]), await response.clone().text());
    return response;
  };
  const client = Object.assign(new Client({ name: 'agent', version: '1.0.0' }), { seen });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers }, fetch: recordingFetch }));
  closers.push(() => client.close());
  return client;
}

function viewOf(server: Server): UpstreamView | undefined {
  return server.gateway.views().find((view) => view.name === 'remote');
}

async function waitForView(server: Server, check: (view: UpstreamView) => boolean, what: string): Promise<UpstreamView> {
  return vi.waitFor(
    () => {
      const view = viewOf(server);
      if (view === undefined || !check(view)) throw new Error(`waiting for ${what}; view: ${JSON.stringify(view && { state: view.state, lastError: view.lastError, signIn: view.signIn })}`);
      return view;
    },
    { timeout: 15_000, interval: 20 },
  );
}

async function waitForTool(client: Client, name: string): Promise<void> {
  await vi.waitFor(
    async () => {
      const { tools } = await client.listTools();
      if (!tools.some((tool) => tool.name === name)) throw new Error(`${name} not listed yet`);
    },
    { timeout: 15_000, interval: 50 },
  );
}

function text(result: Awaited<ReturnType<Client['callTool']>>): string {
  return (result.content as { type: string; text?: string }[]).map((part) => part.text ?? '').join('');
}

describe('remote upstreams the toolkit signs in to', () => {
  it('calls the upstream with its own token and shows the sign-in (no token) in the view', async () => {
    const remoteServer = await upstream({ 'upstream-token-1': ['read'] });
    const logins = createStaticUpstreamLogins({ initial: { remote: { token: 'upstream-token-1', subject: 'alice', scopes: ['read'] } } });
    const server = await toolkit([remote(remoteServer.url)], logins);
    const client = await agent(server);
    await waitForTool(client, 'remote__echo');

    const result = await client.callTool({ name: 'remote__echo', arguments: { text: 'hello' } });
    expect(text(result)).toBe('hello');
    expect(remoteServer.received.length).toBeGreaterThan(0);
    expect(new Set(remoteServer.received.map((request) => request.authorization))).toEqual(new Set(['Bearer upstream-token-1']));
    const view = await waitForView(server, (v) => v.signIn !== undefined, 'the sign-in in the view');
    expect(view).toMatchObject({ state: 'running', signIn: { state: 'signed-in', subject: 'alice', scopes: ['read'] } });
    expect(JSON.stringify(server.gateway.views())).not.toContain('upstream-token-1');
    expect(logins.calls).toEqual(['providerFor remote']);
  });

  it('keeps a static Authorization header as it was: no sign-in for that upstream', async () => {
    const remoteServer = await upstream({ 'static-token': ['read'] });
    const secrets = createMemorySecretStore();
    await secrets.set('server:remote:TOKEN', 'static-token');
    const logins = createStaticUpstreamLogins();
    const server = await toolkit([remote(remoteServer.url, { headers: { Authorization: 'Bearer ${secret:TOKEN}' }, secrets: ['TOKEN'] })], logins, {}, secrets);
    await waitForView(server, (v) => v.state === 'running', 'running');
    expect(logins.calls).toEqual([]);
    expect(viewOf(server)?.signIn).toBeUndefined();
    expect(new Set(remoteServer.received.map((request) => request.authorization))).toEqual(new Set(['Bearer static-token']));
  });

  it('waits in needs-sign-in when never signed in (no retries), and starts once signed in', async () => {
    const remoteServer = await upstream({ 'token-remote': ['read'] });
    const logins = createStaticUpstreamLogins();
    const server = await toolkit([remote(remoteServer.url)], logins);
    const waiting = await waitForView(server, (v) => v.state === 'needs-sign-in', 'needs-sign-in');
    expect(waiting.lastError).toBe('`remote` needs you to sign in (never signed in): sign in from the tray, or run `mcp-toolkit servers login remote`');
    expect(waiting.signIn).toMatchObject({ state: 'needs-sign-in', reason: 'never signed in' });
    expect(waiting.retryAt).toBeUndefined();
    const requestsWhileWaiting = remoteServer.received.length;

    const spec = { kind: 'http' as const, name: 'remote', url: remoteServer.url, headers: {} };
    await logins.signIn(spec, { openUrl: () => undefined });
    const running = await waitForView(server, (v) => v.state === 'running' && v.tools.length > 0, 'running after the sign-in');
    expect(running.signIn).toMatchObject({ state: 'signed-in', subject: 'alice' });
    // Before the sign-in, the one failed connect and nothing more: no retry loop.
    expect(requestsWhileWaiting).toBeLessThanOrEqual(2);
  });

  it('after a sign-out the upstream no longer runs on the old connection: it waits in needs-sign-in', async () => {
    const remoteServer = await upstream({ 'token-1': ['read'] });
    const logins = createStaticUpstreamLogins({ initial: { remote: { token: 'token-1', subject: 'alice' } } });
    const server = await toolkit([remote(remoteServer.url)], logins);
    await waitForView(server, (v) => v.state === 'running' && v.signIn?.state === 'signed-in', 'running and signed in');

    await logins.signOut({ kind: 'http', name: 'remote', url: remoteServer.url, headers: {} });
    const waiting = await waitForView(server, (v) => v.state === 'needs-sign-in', 'needs-sign-in after the sign-out');
    expect(waiting.signIn).toMatchObject({ state: 'needs-sign-in', reason: 'never signed in' });
  });

  it('turns a token the upstream stops accepting into needs-sign-in and a tool error naming the server; another process signing in starts it again', async () => {
    const tokens: Record<string, readonly string[]> = { 'old-token': ['read'] };
    const remoteServer = await upstream(tokens);
    const logins = createStaticUpstreamLogins({ initial: { remote: { token: 'old-token' } } });
    const server = await toolkit([remote(remoteServer.url)], logins);
    const client = await agent(server);
    await waitForTool(client, 'remote__echo');

    delete tokens['old-token']; // revoked at the server
    const refused = await client.callTool({ name: 'remote__echo', arguments: { text: 'x' } });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toBe('`remote` needs you to sign in (the server refused the token): sign in from the tray, or run `mcp-toolkit servers login remote`');
    await waitForView(server, (v) => v.state === 'needs-sign-in', 'needs-sign-in');

    const whileWaiting = await client.callTool({ name: 'remote__echo', arguments: { text: 'x' } });
    expect(whileWaiting.isError).toBe(true);
    expect(text(whileWaiting)).toContain('run `mcp-toolkit servers login remote`');

    tokens['new-token'] = ['read'];
    logins.set('remote', { token: 'new-token', subject: 'bob' }); // as `servers login` in a terminal would
    await waitForView(server, (v) => v.state === 'running', 'running again');
    expect(text(await client.callTool({ name: 'remote__echo', arguments: { text: 'back' } }))).toBe('back');
    expect(client.seen.join('\n')).not.toMatch(/old-token|new-token/);
  });

  it('step-up: a 403 insufficient_scope asks for the extra scope once, never in a loop', async () => {
    const tokens: Record<string, readonly string[]> = { 'read-token': ['read'] };
    const remoteServer = await upstream(tokens);
    const logins = createStaticUpstreamLogins({
      initial: { remote: { token: 'read-token' } },
      signInAs: (_spec, scope) => ({ token: `token-for-${scope ?? 'default'}`, subject: 'alice', scopes: ['read', ...(scope ? [scope] : [])] }),
    });
    const server = await toolkit([remote(remoteServer.url)], logins);
    const client = await agent(server);
    await waitForTool(client, 'remote__admin');

    const refused = await client.callTool({ name: 'remote__admin', arguments: {} });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toBe(`\`remote\` needs you to sign in (needs the extra permission ${ADMIN_SCOPE}): sign in from the tray, or run \`mcp-toolkit servers login remote\``);
    const waiting = await waitForView(server, (v) => v.state === 'needs-sign-in', 'needs-sign-in');
    expect(waiting.signIn).toMatchObject({ state: 'needs-sign-in', reason: `needs the extra permission ${ADMIN_SCOPE}`, wantedScope: ADMIN_SCOPE });
    expect(remoteServer.received.filter((request) => request.method === 'tools/call')).toHaveLength(1);

    // The UI's Sign in button passes the wanted scope on.
    tokens[`token-for-${ADMIN_SCOPE}`] = ['read', ADMIN_SCOPE];
    await logins.signIn({ kind: 'http', name: 'remote', url: remoteServer.url, headers: {} }, { openUrl: () => undefined, ...(waiting.signIn?.wantedScope ? { scope: waiting.signIn.wantedScope } : {}) });
    expect(logins.calls).toContain(`signIn remote scope=${ADMIN_SCOPE}`);
    await waitForView(server, (v) => v.state === 'running', 'running with the extra scope');
    expect(text(await client.callTool({ name: 'remote__admin', arguments: {} }))).toBe('admin done');
  });
});

describe('no token passthrough', () => {
  let idp: OidcProviderFixture | undefined;
  afterEach(async () => {
    await idp?.stop();
    idp = undefined;
  });

  it('oauth mode: the agent’s bearer token never reaches the upstream, and the upstream’s token never reaches the agent', async () => {
    idp = await startOidcProvider({ keys: 'rs256' });
    const remoteServer = await upstream({});
    const upstreamToken = await idp.getClientCredentialsToken({ resource: remoteServer.url });
    remoteServer.accept = (token) => (token === upstreamToken ? ['read'] : undefined);
    const logins = createStaticUpstreamLogins({ initial: { remote: { token: upstreamToken } } });
    const server = await toolkit([remote(remoteServer.url)], logins, { auth: 'oauth', oauth: { issuer: idp.issuer, audience: idp.audience } });
    const agentToken = await idp.getClientCredentialsToken();
    const client = await agent(server, { Authorization: `Bearer ${agentToken}` });
    await waitForTool(client, 'remote__echo');

    expect(text(await client.callTool({ name: 'remote__echo', arguments: { text: 'through' } }))).toBe('through');
    remoteServer.accept = () => undefined; // the upstream refuses from now on: its challenge must not reach the agent either
    expect((await client.callTool({ name: 'remote__echo', arguments: { text: 'refused' } })).isError).toBe(true);

    // The SDK's discovery fetches (`/.well-known/…`) carry no token at all.
    const authorizations = remoteServer.received.filter((request) => request.path === '/mcp').map((request) => request.authorization);
    expect(authorizations.length).toBeGreaterThan(0);
    expect(authorizations.every((value) => value === `Bearer ${upstreamToken}`)).toBe(true);
    expect(JSON.stringify(remoteServer.received)).not.toContain(agentToken);
    const wire = client.seen.join('\n');
    expect(wire).toContain('through');
    expect(wire).not.toContain(upstreamToken);
    expect(wire).not.toContain(remoteServer.url.replace('/mcp', '/.well-known')); // the upstream's challenge stays with the toolkit
  });

  it('api_key mode: the agent’s X-API-Key never reaches the upstream', async () => {
    const remoteServer = await upstream({ 'upstream-own': ['read'] });
    const logins = createStaticUpstreamLogins({ initial: { remote: { token: 'upstream-own' } } });
    const server = await toolkit([remote(remoteServer.url)], logins, { auth: 'api_key', apiKey: TEST_API_KEY });
    const client = await agent(server, { 'X-API-Key': TEST_API_KEY });
    await waitForTool(client, 'remote__echo');
    expect(text(await client.callTool({ name: 'remote__echo', arguments: { text: 'k' } }))).toBe('k');
    expect(remoteServer.received.every((request) => request.apiKey === undefined && request.authorization === 'Bearer upstream-own')).toBe(true);
    expect(JSON.stringify(remoteServer.received)).not.toContain(TEST_API_KEY);
  });
});
