import { createServer, type Server } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunSettings, createSettingsStore, type Environment } from '../core/config/index.js';
import { createMemorySecretStore, type SecretStore } from '../core/keychain/index.js';
import { createMetrics, type Metrics } from '../core/metrics/index.js';
import { parseCallRequest } from '../shared/contract-requests.js';
import type { EventName, EventPayload } from '../shared/contract.js';
import { signInWithFetch } from '../../test/support/browser.js';
import { startOidcProvider } from '../../test/support/oidc-provider.js';
import { createAppStateFile } from './app-state-file.js';
import { createAppController, type AppController, type ControllerDeps } from './controller.js';

const INFO = { name: 'MCP Toolkit', version: '0.0.0-test', platform: process.platform, host: 'desktop', stdio: { command: '/opt/mcp-toolkit', args: ['stdio'] } } as const;

let dir: string;
let controllers: AppController[];
let blockers: Server[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-app-controller-'));
  controllers = [];
  blockers = [];
});

afterEach(async () => {
  for (const controller of controllers) await controller.shutdown();
  for (const blocker of blockers) await new Promise((resolve) => blocker.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

interface Harness {
  controller: AppController;
  events: { event: EventName; payload: unknown }[];
  clipboard: string[];
  secrets: SecretStore;
  metrics: Metrics;
  next<E extends EventName>(event: E, match?: (payload: EventPayload<E>) => boolean, timeoutMs?: number): Promise<EventPayload<E>>;
}

async function harness(overrides: Partial<ControllerDeps> & { env?: Environment } = {}, initialSettings?: object): Promise<Harness> {
  const file = createSettingsStore({ filePath: join(dir, 'settings.json') });
  if (initialSettings) {
    await file.load();
    const result = await file.update(initialSettings);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
  }
  const settings = createRunSettings({ file, env: overrides.env ?? {} });
  const clipboard: string[] = [];
  const secrets = overrides.secrets ?? createMemorySecretStore();
  const metrics = createMetrics();
  const controller = createAppController({
    settings,
    appState: createAppStateFile(join(dir, 'app-state.json')),
    secrets,
    metrics,
    info: INFO,
    openUrl: () => {},
    clipboard: { writeText: (text) => void clipboard.push(text) },
    log: () => {},
    ...overrides,
  });
  const events: Harness['events'] = [];
  const waiters: { event: EventName; match: (payload: never) => boolean; resolve: (payload: never) => void }[] = [];
  controller.subscribe((event, payload) => {
    events.push({ event, payload });
    for (const waiter of [...waiters]) {
      if (waiter.event === event && waiter.match(payload as never)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(payload as never);
      }
    }
  });
  controllers.push(controller);
  await controller.init();
  return {
    controller,
    events,
    clipboard,
    secrets,
    metrics,
    next: (event, match = () => true, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} event within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          event,
          match: match as (payload: never) => boolean,
          resolve: (payload) => {
            clearTimeout(timer);
            resolve(payload);
          },
        });
      }),
  };
}

/** Calls a handler the way a host does: the request arrives as `unknown` and is parsed first. */
async function call(h: Harness, name: Parameters<typeof parseCallRequest>[0], request?: unknown): Promise<unknown> {
  const parsed = parseCallRequest(name, request);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return (h.controller.handlers[name] as (request: unknown) => Promise<unknown>)(parsed.value);
}

async function rejection(promise: Promise<unknown>): Promise<{ code?: string; fields?: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; fields?: Record<string, string> };
  }
  throw new Error('expected a rejection');
}

async function occupiedPort(): Promise<number> {
  const blocker = createServer();
  blockers.push(blocker);
  await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
  return (blocker.address() as { port: number }).port;
}

describe('app controller: server lifecycle', () => {
  it('starts and stops a real server, remembering for the next launch that it was running', async () => {
    const h = await harness({}, { port: 0 });
    expect(h.controller.snapshot().server).toEqual({ state: 'stopped', auth: 'none' });

    const running = (await call(h, 'server.start')) as { state: string; url: string; mcpUrl: string };
    expect(running.state).toBe('running');
    expect(running.mcpUrl).toBe(`${running.url}/mcp`);
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
    expect(h.events.filter((e) => e.event === 'server.status').map((e) => (e.payload as { state: string }).state)).toEqual([
      'starting',
      'running',
    ]);
    expect(JSON.parse(await readFile(join(dir, 'app-state.json'), 'utf8'))).toEqual({ serverWasRunning: true });

    // Quitting stops the server but keeps "was running": the next launch starts it again.
    await h.controller.shutdown();
    await expect(fetch(`${running.url}/health`)).rejects.toThrow();
    const relaunched = await harness();
    expect(relaunched.controller.snapshot().server.state).toBe('running');

    expect(await call(relaunched, 'server.stop')).toEqual({ state: 'stopped', auth: 'none' });
    expect(JSON.parse(await readFile(join(dir, 'app-state.json'), 'utf8'))).toEqual({ serverWasRunning: false });
    const third = await harness();
    expect(third.controller.snapshot().server.state).toBe('stopped');
  });

  it('shows a port in use as an error status instead of throwing, and recovers after a port change', async () => {
    const port = await occupiedPort();
    const h = await harness({}, { port });
    const status = (await call(h, 'server.start')) as { state: string; error: { code: string; message: string } };
    expect(status.state).toBe('error');
    expect(status.error.code).toBe('PORT_IN_USE');
    expect(status.error.message).toContain(String(port));
    expect(h.controller.snapshot().server.error?.code).toBe('PORT_IN_USE');

    // Fixing the setting brings the wanted server up without another click.
    await call(h, 'settings.update', { port: 0 });
    expect(h.controller.snapshot().server.state).toBe('running');
  });

  it('reports a missing keychain in api_key mode as KEYCHAIN_UNAVAILABLE', async () => {
    const { createUnavailableSecretStore } = await import('../core/keychain/index.js');
    const h = await harness({ secrets: createUnavailableSecretStore() }, { port: 0, auth: 'api_key' });
    const status = (await call(h, 'server.start')) as { state: string; error: { code: string } };
    expect(status).toMatchObject({ state: 'error', auth: 'api_key', error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(await call(h, 'apiKey.getStatus')).toMatchObject({ source: 'none', masked: null, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
  });
});

describe('app controller: settings', () => {
  it('rejects invalid fields one by one and saves nothing', async () => {
    const h = await harness({}, { port: 0 });
    const before = await readFile(join(dir, 'settings.json'), 'utf8');
    const error = await rejection(call(h, 'settings.update', { port: 70000, rateLimit: { burst: 0 }, host: '127.0.0.1' }));
    expect(error.code).toBe('SETTINGS_INVALID');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['port', 'rateLimit.burst']);
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe(before);
    expect(h.events.some((e) => e.event === 'settings.changed')).toBe(false);
  });

  it('applies a change to the running server at once: switching to api_key makes unauthenticated calls 401', async () => {
    const h = await harness({}, { port: 0 });
    const { url } = (await call(h, 'server.start')) as { url: string };
    expect((await fetch(`${url}/tools`)).status).toBe(200);

    const saved = (await call(h, 'settings.update', { auth: 'api_key' })) as { auth: string };
    expect(saved.auth).toBe('api_key');
    const status = h.controller.snapshot().server;
    expect(status).toMatchObject({ state: 'running', auth: 'api_key' });
    expect((await fetch(`${status.url}/tools`)).status).toBe(401);
    const { apiKey } = (await call(h, 'apiKey.reveal')) as { apiKey: string };
    expect((await fetch(`${status.url}/tools`, { headers: { 'X-API-Key': apiKey } })).status).toBe(200);
    expect(h.events.map((e) => e.event)).toContain('settings.changed');
  });
});

describe('app controller: settings pinned by the environment', () => {
  it('shows MCP_* variables as pinned, runs them, refuses to change them and never saves them', async () => {
    const h = await harness({ env: { MCP_PORT: '0', MCP_RATE_LIMIT_RPS: '5' } }, { port: 9100 });
    expect(await call(h, 'app.getInfo')).toMatchObject({ pinned: { port: 'MCP_PORT', 'rateLimit.rps': 'MCP_RATE_LIMIT_RPS' } });
    expect(await call(h, 'settings.get')).toMatchObject({ port: 0, rateLimit: { rps: 5 } });

    const error = await rejection(call(h, 'settings.update', { port: 9200 }));
    expect(error.fields).toEqual({ port: 'set by MCP_PORT for this run, so it cannot be changed here' });
    // A form repeats a pinned field's value: that is no change, the rest is saved.
    await call(h, 'settings.update', { port: 0, host: '127.0.0.1', rateLimit: { rps: 5, burst: 9 } });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ port: 9100, rateLimit: { rps: 0, burst: 9 } });
  });

  it('applies a change live: the running server keeps its URL (no restart) and its sessions', async () => {
    const h = await harness({}, { port: 0 });
    const { url } = (await call(h, 'server.start')) as { url: string };
    const stops: string[] = [];
    h.controller.subscribe((event, payload) => {
      if (event === 'server.status' && (payload as { state: string }).state !== 'running') stops.push((payload as { state: string }).state);
    });
    await call(h, 'settings.update', { rateLimit: { rps: 1, burst: 1 } });
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await fetch(`${url}/tools`)).status);
    expect(statuses).toEqual([200, 429, 429]);
    expect(h.controller.snapshot().server).toMatchObject({ state: 'running', url });
    expect(stops).toEqual([]);

    // Only a new address restarts it, and the status says so.
    await call(h, 'settings.update', { host: 'localhost' });
    const moved = h.controller.snapshot().server;
    expect(moved).toMatchObject({ state: 'running', notice: expect.stringContaining('Restarted to listen on the new address') });
    expect(moved.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(stops).toContain('stopping');
  });
});

describe('app controller: activity', () => {
  it('pushes batched 401 counts with reasons and recent rejections', async () => {
    const h = await harness({ activityIntervalMs: 100 }, { port: 0, auth: 'api_key' });
    const { url } = (await call(h, 'server.start')) as { url: string };
    const batch = h.next('activity.batch', (view) => view.unauthorized.total >= 3);
    const started = Date.now();
    await Promise.all([1, 2, 3].map(() => fetch(`${url}/tools`, { headers: { 'X-API-Key': 'wrong-key-wrong-key' } })));
    const view = await batch;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(view.unauthorized.total).toBe(3);
    expect(Object.values(view.unauthorized.byReason).reduce((a, b) => a + b, 0)).toBe(3);
    expect(view.recent[0]).toMatchObject({ status: 401, path: '/tools' });
    expect(view.series.at(-1)?.unauthorized).toBe(3);
    // The refused calls are in the call log, sent once each.
    expect(view.calls.filter((c) => c.status === 401).map((c) => c.reason)).toEqual(Array(3).fill('AUTH_INVALID_KEY'));
    // Few batches, however many events.
    expect(h.events.filter((e) => e.event === 'activity.batch').length).toBeLessThanOrEqual(2);
  });
});

describe('app controller: API key', () => {
  it('masks the key, reveals and copies it only on request, and regeneration locks the old key out at once', async () => {
    const h = await harness({}, { port: 0, auth: 'api_key' });
    expect(await call(h, 'apiKey.getStatus')).toEqual({ source: 'none', masked: null });
    const { url } = (await call(h, 'server.start')) as { url: string };
    const status = (await call(h, 'apiKey.getStatus')) as { source: string; masked: string };
    expect(status.source).toBe('keychain');
    const { apiKey: oldKey } = (await call(h, 'apiKey.reveal')) as { apiKey: string };
    expect(status.masked).toBe(`••••••••${oldKey.slice(-4)}`);
    expect(JSON.stringify(h.events)).not.toContain(oldKey);

    expect(await call(h, 'apiKey.copy')).toEqual({ copied: true });
    expect(h.clipboard).toEqual([oldKey]);

    await expect(call(h, 'apiKey.regenerate', { confirm: false })).rejects.toThrow(/confirm/);
    const regenerated = (await call(h, 'apiKey.regenerate', { confirm: true })) as { masked: string };
    const { apiKey: newKey } = (await call(h, 'apiKey.reveal')) as { apiKey: string };
    expect(newKey).not.toBe(oldKey);
    expect(regenerated.masked).toBe(`••••••••${newKey.slice(-4)}`);
    const current = h.controller.snapshot().server.url!;
    expect((await fetch(`${current}/tools`, { headers: { 'X-API-Key': oldKey } })).status).toBe(401);
    expect((await fetch(`${current}/tools`, { headers: { 'X-API-Key': newKey } })).status).toBe(200);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses to regenerate a key that comes from MCP_API_KEY', async () => {
    const h = await harness({ env: { MCP_API_KEY: 'env-key-0123456789abcdef' } }, { port: 0, auth: 'api_key' });
    expect(await call(h, 'apiKey.getStatus')).toEqual({ source: 'env', masked: '••••••••cdef' });
    expect((await rejection(call(h, 'apiKey.regenerate', { confirm: true }))).code).toBe('API_KEY_FROM_ENV');
  });
});

describe('app controller: snippets, start at login, info', () => {
  it('tells the UIs about a new mode while the server is stopped', async () => {
    const h = await harness({}, { port: 0 });
    const status = h.next('server.status');
    await call(h, 'settings.update', { auth: 'api_key' });
    expect(await status).toEqual({ state: 'stopped', auth: 'api_key' });
    expect(h.controller.snapshot().snippets.find((s) => s.id === 'cursor-json')?.content).toContain('"--client",\n        "cursor"');
  });

  it('builds snippets for the current mode and URL', async () => {
    const h = await harness({}, { port: 0, auth: 'api_key' });
    const stopped = (await call(h, 'agents.getSnippets')) as { id: string; content: string }[];
    expect(stopped.find((s) => s.id === 'vscode-json')?.content).toContain('http://127.0.0.1:0/mcp');
    const { mcpUrl } = (await call(h, 'server.start')) as { mcpUrl: string };
    const running = (await call(h, 'agents.getSnippets')) as { id: string; content: string }[];
    expect(running.find((s) => s.id === 'vscode-json')?.content).toContain(mcpUrl);
    expect(running.find((s) => s.id === 'claude-desktop-json')?.content).toContain('/opt/mcp-toolkit');
  });

  it('passes the configured sign-in client ID to the Claude Code snippet in oauth mode', async () => {
    const oauth = { issuer: 'https://idp.example', audience: 'toolkit', requiredScopes: [], clientId: 'toolkit-agents' };
    const h = await harness({}, { port: 0, auth: 'oauth', oauth });
    const list = (await call(h, 'agents.getSnippets')) as { id: string; content: string }[];
    expect(list.find((s) => s.id === 'claude-code-command')?.content).toContain('--client-id toolkit-agents');
  });

  it('toggles start at login through the host, or says it is unsupported', async () => {
    let enabled = false;
    const h = await harness({ startAtLogin: { get: () => enabled, set: (next) => void (enabled = next) } });
    expect(await call(h, 'startAtLogin.set', { enabled: true })).toEqual({ supported: true, enabled: true });
    expect(enabled).toBe(true);
    expect(h.controller.snapshot().startAtLogin).toEqual({ supported: true, enabled: true });
    const bare = await harness();
    expect(await call(bare, 'startAtLogin.get')).toEqual({ supported: false, enabled: false });
    expect((await rejection(call(bare, 'startAtLogin.set', { enabled: true }))).code).toBe('START_AT_LOGIN_UNSUPPORTED');
    expect(await call(bare, 'app.getInfo')).toEqual({ ...INFO, pinned: {} });
  });
});

describe('app controller: sign-in', () => {
  it('names the missing fields when sign-in is not configured', async () => {
    const h = await harness();
    const error = await rejection(call(h, 'signIn.start'));
    expect(error.code).toBe('SIGN_IN_NOT_CONFIGURED');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['oauth.clientId', 'oauth.issuer']);
    expect(h.controller.snapshot().signInConfigured).toBe(false);
  });

  it('signs in through a real identity provider, shows progress and the subject, and signs out', async () => {
    const provider = await startOidcProvider();
    try {
      let opened: (url: string) => void = () => {};
      const browserOpened = new Promise<string>((resolve) => (opened = resolve));
      const h = await harness(
        { openUrl: (url) => opened(url) },
        { oauth: { issuer: provider.issuer, clientId: provider.clientId, redirectUri: 'http://127.0.0.1:0/callback', audience: provider.audience } },
      );
      expect(await call(h, 'session.get')).toBeNull();
      const waiting = h.next('signIn.progress', (p) => p.phase === 'waiting_for_browser');
      const session = h.next('session.changed');
      expect(await call(h, 'signIn.start')).toMatchObject({ phase: 'starting' });
      await waiting;
      const authorizationUrl = await browserOpened;
      expect(new URL(authorizationUrl).searchParams.get('code_challenge_method')).toBe('S256');
      await signInWithFetch(authorizationUrl, 'alice');
      expect(await session).toMatchObject({ subject: 'alice', issuer: provider.issuer, clientId: provider.clientId });
      const phases = h.events.filter((e) => e.event === 'signIn.progress').map((e) => (e.payload as { phase: string }).phase);
      expect(phases).toEqual(['starting', 'waiting_for_browser', 'exchanging', 'done']);
      // Each report carries its place, so a UI that gets them out of order keeps the newest.
      const places = h.events.filter((e) => e.event === 'signIn.progress').map((e) => (e.payload as { seq: number }).seq);
      expect(places).toEqual([...places].sort((a, b) => a - b));
      expect(new Set(places).size).toBe(places.length);
      expect(h.controller.snapshot().session?.subject).toBe('alice');
      expect(JSON.stringify(h.events)).not.toMatch(/eyJ[\w-]+\.eyJ/); // no token reached a UI event

      expect(await call(h, 'session.signOut')).toBeNull();
      expect(await call(h, 'session.get')).toBeNull();
    } finally {
      await provider.stop();
    }
  });

  it('cancels a sign-in waiting for the browser', async () => {
    const provider = await startOidcProvider();
    try {
      const h = await harness({}, { oauth: { issuer: provider.issuer, clientId: provider.clientId, redirectUri: 'http://127.0.0.1:0/callback' } });
      const waiting = h.next('signIn.progress', (p) => p.phase === 'waiting_for_browser');
      await call(h, 'signIn.start');
      await waiting;
      expect((await rejection(call(h, 'signIn.start'))).code).toBe('SIGN_IN_IN_PROGRESS');
      const cancelled = h.next('signIn.progress', (p) => p.phase === 'cancelled');
      await call(h, 'signIn.cancel');
      await cancelled;
      expect(await call(h, 'signIn.getProgress')).toMatchObject({ phase: 'cancelled' });
      expect(await call(h, 'session.get')).toBeNull();
    } finally {
      await provider.stop();
    }
  });
});
