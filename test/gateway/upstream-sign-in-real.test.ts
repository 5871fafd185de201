/**
 * Remote upstreams the toolkit signs in to, with the real machinery: the
 * toolkit's server with the real `createUpstreamLogins` (memory keychain, a
 * temporary logins.json), a real `oidc-provider` (dynamic registration,
 * resource indicators, revocation), this toolkit's own server in `oauth`
 * mode as the protected upstream (recording the Authorization headers it
 * receives), the browser walked with plain fetch, and an SDK client as the
 * agent on the toolkit's /mcp.
 *
 * The toolkit's clock (`now`) is moved ahead to let an access token expire
 * without waiting: the toolkit then holds it for expired, while the upstream
 * and the provider keep the real time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { specFromSettings, type HttpUpstream } from '../../src/core/gateway/upstream-spec.js';
import { createMemorySecretStore } from '../../src/core/keychain/index.js';
import { createUpstreamLogins } from '../../src/core/upstream-login/index.js';
import { readStoredLogin, type StoredUpstreamLogin } from '../../src/core/upstream-login/stored-login.js';
import type { HttpUpstreamSettings, UpstreamView } from '../../src/shared/gateway-types.js';
import { signInWithFetch } from '../support/browser.js';
import { startProtectedUpstream, type ProtectedUpstream } from '../support/protected-upstream.js';
import { startTestServer, type ConfigOverrides } from '../support/test-server.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const TOOL = 'remote__get_current_time';
/** The provider's access tokens live this long (seconds). */
const TOKEN_TTL_SEC = 120;

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await Promise.resolve(close()).catch(() => undefined);
});

async function protectedUpstream(): Promise<ProtectedUpstream> {
  const upstream = await startProtectedUpstream({ accessTokenTtlSec: TOKEN_TTL_SEC });
  closers.push(() => upstream.stop());
  return upstream;
}

/** The toolkit with the real sign-in machinery, serving `upstream` as `remote`; `clock.skewMs` moves its time. */
async function toolkit(upstream: ProtectedUpstream, config: ConfigOverrides = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'mcp-sign-in-real-'));
  closers.push(() => rmSync(folder, { recursive: true, force: true }));
  const secrets = createMemorySecretStore();
  const clock = { skewMs: 0 };
  const logs: string[] = [];
  const logins = createUpstreamLogins({ secrets, indexFile: join(folder, 'logins.json'), now: () => Date.now() + clock.skewMs, log: (line) => logs.push(line) });
  closers.push(() => logins.close());
  const settings: HttpUpstreamSettings = { kind: 'http', name: 'remote', enabled: true, url: upstream.spec.url, headers: {}, secrets: [], disabledTools: [] };
  const server = await startTestServer({ servers: [settings], ...config }, { secrets, gateway: { stateDir: folder, pinsFile: join(folder, 'tool-pins.json'), logins } });
  closers.push(() => server.close());
  const spec = specFromSettings(settings) as HttpUpstream;
  return {
    server,
    logins,
    clock,
    logs,
    spec,
    signIn: () => logins.signIn(spec, { openUrl: (url) => signInWithFetch(url, 'alice') }),
    async stored(): Promise<StoredUpstreamLogin> {
      const read = await readStoredLogin(secrets, 'remote');
      return read.kind === 'found' ? read.login : expect.fail(`no sign-in in the keychain (${read.kind})`);
    },
  };
}

/** An agent on the toolkit's /mcp that keeps every byte it receives (headers and bodies). */
async function agent(server: Server, headers: Record<string, string> = {}): Promise<Client & { seen: string[] }> {
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

async function waitForView(server: Server, check: (view: UpstreamView) => boolean, what: string): Promise<UpstreamView> {
  return vi.waitFor(
    () => {
      const view = server.gateway.views().find((candidate) => candidate.name === 'remote');
      if (view === undefined || !check(view)) throw new Error(`waiting for ${what}; view: ${JSON.stringify(view && { state: view.state, lastError: view.lastError, signIn: view.signIn })}`);
      return view;
    },
    { timeout: 8_000, interval: 20 },
  );
}

/** The view may list the tools a moment before the catalogue agents see is rebuilt: wait for the agent's list. */
async function waitForTool(client: Client): Promise<void> {
  await vi.waitFor(
    async () => {
      const { tools } = await client.listTools();
      if (!tools.some((tool) => tool.name === TOOL)) throw new Error(`${TOOL} not listed yet`);
    },
    { timeout: 8_000, interval: 50 },
  );
}

async function callTime(client: Client) {
  const result = await client.callTool({ name: TOOL, arguments: { timezone: 'UTC' } });
  const text = (result.content as { text?: string }[]).map((part) => part.text ?? '').join('');
  return { isError: result.isError === true, text };
}

/** The bearer tokens the upstream received, in order, without repeats. */
function bearersSeen(upstream: ProtectedUpstream): string[] {
  return [...new Set(upstream.authorizations.flatMap((value) => (value?.startsWith('Bearer ') ? [value.slice('Bearer '.length)] : [])))];
}

describe('the gateway with the real sign-in machinery', () => {
  it('finds the sign-in from the 401, waits in needs-sign-in, and after the sign-in the agent calls the tool', async () => {
    const upstream = await protectedUpstream();
    const kit = await toolkit(upstream);
    const waiting = await waitForView(kit.server, (view) => view.state === 'needs-sign-in', 'needs-sign-in');
    expect(waiting.signIn).toMatchObject({ state: 'needs-sign-in', reason: 'never signed in' });
    expect(waiting.lastError).toBe('`remote` needs you to sign in (never signed in): sign in from the tray, or run `mcp-toolkit servers login remote`');
    // The gateway's connect reached the upstream without a token and got its 401.
    expect(upstream.authorizations.length).toBeGreaterThan(0);
    expect(bearersSeen(upstream)).toEqual([]);

    const view = await kit.signIn();
    expect(view).toMatchObject({ state: 'signed-in', subject: 'alice', issuer: upstream.idp.issuer });
    const running = await waitForView(kit.server, (v) => v.state === 'running' && v.tools.length > 0, 'running after the sign-in');
    expect(running.signIn).toMatchObject({ state: 'signed-in', subject: 'alice' });

    const client = await agent(kit.server);
    await waitForTool(client);
    const result = await callTime(client);
    expect(result.isError, result.text).toBe(false);
    expect(result.text).toMatch(/UTC|\d{2}:\d{2}/);
    const { tokens } = await kit.stored();
    expect(bearersSeen(upstream)).toEqual([tokens.access_token]);
    expect(JSON.stringify(kit.server.gateway.views())).not.toContain(tokens.access_token);
    expect(kit.logs.join('\n')).not.toContain(tokens.access_token);
  });

  it('refreshes an expired access token without the user: the call works and the upstream sees a new token', async () => {
    const upstream = await protectedUpstream();
    const kit = await toolkit(upstream);
    await kit.signIn();
    await waitForView(kit.server, (v) => v.state === 'running', 'running');
    const client = await agent(kit.server);
    await waitForTool(client);
    expect((await callTime(client)).isError).toBe(false);
    const first = (await kit.stored()).tokens;
    const refreshesBefore = upstream.idp.countRequests('/token');

    kit.clock.skewMs = (TOKEN_TTL_SEC + 1) * 1000; // the access token expired, for the toolkit
    const result = await callTime(client);
    expect(result.isError, result.text).toBe(false);

    const second = (await kit.stored()).tokens;
    expect(second.access_token).not.toBe(first.access_token);
    expect(upstream.idp.countRequests('/token')).toBe(refreshesBefore + 1);
    expect(bearersSeen(upstream)).toEqual([first.access_token, second.access_token]);
    expect(upstream.authorizations.at(-1)).toBe(`Bearer ${second.access_token}`);
    expect((await waitForView(kit.server, (v) => v.state === 'running', 'still running')).signIn?.state).toBe('signed-in');
  });

  it('a refresh token revoked at the provider: a tool error naming the server, and the upstream waits in needs-sign-in', async () => {
    const upstream = await protectedUpstream();
    const kit = await toolkit(upstream);
    await kit.signIn();
    await waitForView(kit.server, (v) => v.state === 'running', 'running');
    const client = await agent(kit.server);
    await waitForTool(client);
    expect((await callTime(client)).isError).toBe(false);
    const login = await kit.stored();
    await upstream.idp.revokeRefreshToken(login.tokens.refresh_token!, login.client.clientId);

    kit.clock.skewMs = (TOKEN_TTL_SEC + 1) * 1000;
    const refused = await callTime(client);
    expect(refused.isError).toBe(true);
    const reason = 'the sign-in expired and could not be refreshed (the authorization server refused the refresh token: invalid_grant)';
    expect(refused.text).toBe(`\`remote\` needs you to sign in (${reason}): sign in from the tray, or run \`mcp-toolkit servers login remote\``);
    const waiting = await waitForView(kit.server, (v) => v.state === 'needs-sign-in', 'needs-sign-in');
    expect(waiting.signIn).toMatchObject({ state: 'needs-sign-in', reason });
    expect(await kit.logins.view('remote')).toMatchObject({ state: 'needs-sign-in', reason });

    // The agent keeps getting the same clear error, and the provider is not asked again.
    const tokenRequests = upstream.idp.countRequests('/token');
    const again = await callTime(client);
    expect(again).toMatchObject({ isError: true, text: expect.stringContaining('sign in from the tray') });
    expect(upstream.idp.countRequests('/token')).toBe(tokenRequests);
  });
});

describe('no token passthrough, with real tokens', () => {
  it('oauth mode: the agent’s token (same provider) never reaches the upstream; no upstream token reaches the agent', async () => {
    const upstream = await protectedUpstream();
    const kit = await toolkit(upstream, { auth: 'oauth', oauth: { issuer: upstream.idp.issuer, audience: upstream.idp.audience } });
    await kit.signIn();
    await waitForView(kit.server, (v) => v.state === 'running', 'running');
    const agentToken = await upstream.idp.getClientCredentialsToken();
    const client = await agent(kit.server, { Authorization: `Bearer ${agentToken}` });
    await waitForTool(client);

    expect((await callTime(client)).isError).toBe(false);
    const first = (await kit.stored()).tokens;
    kit.clock.skewMs = (TOKEN_TTL_SEC + 1) * 1000; // a refresh too: its new tokens must not leak either
    expect((await callTime(client)).isError).toBe(false);
    const second = (await kit.stored()).tokens;
    await client.listTools();

    const sent = upstream.authorizations.filter((value) => value !== undefined);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((value) => value === `Bearer ${first.access_token}` || value === `Bearer ${second.access_token}`)).toBe(true);
    expect(sent.join('\n')).not.toContain(agentToken);

    const wire = client.seen.join('\n');
    expect(wire).toContain('UTC');
    for (const secret of [first.access_token, first.refresh_token!, second.access_token, second.refresh_token!]) expect(wire).not.toContain(secret);
  });
});
