import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryAppState } from '../ui-backend/app-state-file.js';
import { createAppController, type AppController } from '../ui-backend/controller.js';
import type { AppEventListener } from '../ui-backend/event-hub.js';
import { createRunSettings, createSettingsStore } from '../core/config/index.js';
import { createMemorySecretStore } from '../core/keychain/index.js';
import { createMetrics } from '../core/metrics/index.js';
import { startDashboardServer, type DashboardServer, type DashboardServerOptions } from './dashboard-server.js';
import { loadDashboardAssets } from './static-assets.js';
import { dashboardClient, fakeRendererBuild, rawRequest, sendPartialRequest } from './testing/dashboard-client.js';

const TOKEN = 'dashboard-test-token-0123456789abcdefghijklmnop';

let dir: string;
let assetsDir: string;
let logs: string[];
let cleanups: (() => Promise<void>)[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-dashboard-'));
  assetsDir = await fakeRendererBuild();
  logs = [];
  cleanups = [];
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  expect(logs.join('\n')).not.toContain(TOKEN);
  await rm(dir, { recursive: true, force: true });
  await rm(assetsDir, { recursive: true, force: true });
});

/** A real controller (server stopped, in-memory keychain) behind a dashboard on a free port. */
async function startDashboard(options: Partial<DashboardServerOptions> = {}): Promise<{ dashboard: DashboardServer; controller: AppController }> {
  const controller = createAppController({
    settings: createRunSettings({ file: createSettingsStore({ filePath: join(dir, 'settings.json') }), env: {} }),
    appState: createMemoryAppState(),
    secrets: createMemorySecretStore(),
    metrics: createMetrics(),
    info: { name: 'MCP Toolkit', version: '0.0.0-test', platform: process.platform, host: 'dashboard', stdio: { command: 'mcp-toolkit', args: ['stdio'] } },
    openUrl: () => {},
    clipboard: { writeText: () => {} },
    log: (line) => logs.push(line),
  });
  await controller.init();
  const dashboard = await startDashboardServer({
    handlers: controller.handlers,
    subscribe: (listener) => controller.subscribe(listener),
    assets: await loadDashboardAssets(assetsDir),
    port: 0,
    token: TOKEN,
    log: (line) => logs.push(line),
    ...options,
  });
  cleanups.push(async () => {
    await dashboard.close();
    await controller.shutdown();
  });
  return { dashboard, controller };
}

async function signedInClient(port: number) {
  const client = dashboardClient(port);
  expect((await client.exchange(TOKEN)).status).toBe(200);
  return client;
}

describe('the page', () => {
  it('is served with a strict CSP and its bundle, and nothing else of the build folder', async () => {
    const { dashboard } = await startDashboard();
    expect(dashboard.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(dashboard.openUrl).toBe(`${dashboard.url}/#token=${TOKEN}`);

    const page = await rawRequest(dashboard.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('./assets/app-abc123.js');

    const script = await rawRequest(dashboard.port, { path: '/assets/app-abc123.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['x-content-type-options']).toBe('nosniff');

    for (const path of ['/secret.txt', '/dashboard.html', '/assets/..%2Fsecret.txt', '/assets/%2e%2e/secret.txt', '/assets/missing.js']) {
      expect((await rawRequest(dashboard.port, { path })).status, path).toBe(404);
    }
    expect((await rawRequest(dashboard.port, { method: 'POST', path: '/' })).status).toBe(405);
  });

  it('refuses every request whose Host is not a loopback name (DNS rebinding)', async () => {
    const { dashboard } = await startDashboard();
    for (const host of ['evil.example', `evil.example:${dashboard.port}`, '127.0.0.1.nip.io', '127.0.0.1:80x']) {
      const response = await rawRequest(dashboard.port, { path: '/', headers: { Host: host } });
      expect(response.status, host).toBe(403);
      expect(response.json).toMatchObject({ ok: false, error: { code: 'DASHBOARD_HOST_REFUSED' } });
    }
    // A tunnel may present another local port: still loopback, still ours.
    expect((await rawRequest(dashboard.port, { path: '/', headers: { Host: 'localhost:9999' } })).status).toBe(200);
  });
});

describe('the session', () => {
  it('lets in only a browser that presented the token, through an HttpOnly SameSite=Strict cookie', async () => {
    const { dashboard } = await startDashboard();
    const client = dashboardClient(dashboard.port);

    const anonymous = await client.call('app.getInfo');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ ok: false, error: { code: 'DASHBOARD_UNAUTHORIZED' } });

    const wrong = await client.exchange(`${TOKEN}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ ok: false, error: { code: 'DASHBOARD_TOKEN_INVALID' } });
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const right = await client.exchange(TOKEN);
    expect(right.status).toBe(200);
    const cookie = right.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^mcp_toolkit_dashboard_${dashboard.port}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`));
    expect(cookie).not.toContain(TOKEN);

    const info = await client.call('app.getInfo');
    expect(info.status).toBe(200);
    expect(info.headers['cache-control']).toBe('no-store');
    expect(info.json).toMatchObject({ ok: true, value: { host: 'dashboard', version: '0.0.0-test' } });

    client.cookie = `${client.cookie}x`;
    expect((await client.call('app.getInfo')).status).toBe(401);
  });

  it('trades the token once: a second exchange is refused, and the first session goes on', async () => {
    const { dashboard } = await startDashboard();
    const first = await signedInClient(dashboard.port);

    const again = dashboardClient(dashboard.port);
    const second = await again.exchange(TOKEN);
    expect(second.status).toBe(403);
    expect(second.json).toMatchObject({ ok: false, error: { code: 'DASHBOARD_TOKEN_USED', message: expect.stringContaining('already used') } });
    expect(second.headers['set-cookie']).toBeUndefined();
    expect((await again.call('app.getInfo')).status).toBe(401);
    // The browser that traded it keeps its session (a page reload sends the cookie, not the token).
    expect((await first.exchange(TOKEN)).status).toBe(403);
    expect((await first.call('app.getInfo')).status).toBe(200);
  });

  it('ends a session on DELETE: the cookie is cleared, stops working, and its event stream ends', async () => {
    const { dashboard } = await startDashboard();
    const client = await signedInClient(dashboard.port);
    const events = await client.events();
    cleanups.push(async () => events.close());
    await events.next((m) => m.event === 'server.status');
    const streamEnded = new Promise<void>((resolve) => events.response.once('end', resolve));

    const foreign = await rawRequest(dashboard.port, {
      method: 'DELETE',
      path: '/api/session',
      headers: { Origin: 'http://127.0.0.1:3000', Cookie: client.cookie! },
    });
    expect(foreign.status).toBe(403);
    expect((await client.call('app.getInfo')).status).toBe(200);

    const ended = await client.endSession();
    expect(ended.status).toBe(200);
    expect(ended.headers['set-cookie']?.[0]).toBe(`mcp_toolkit_dashboard_${dashboard.port}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    await streamEnded;
    const after = await client.call('app.getInfo');
    expect(after.status).toBe(401);
    expect(after.json).toMatchObject({ ok: false, error: { code: 'DASHBOARD_UNAUTHORIZED' } });
    expect((await client.events()).status).toBe(401);
    expect((await client.endSession()).status).toBe(401);
    expect((await rawRequest(dashboard.port, { method: 'PUT', path: '/api/session' })).headers.allow).toBe('POST, DELETE');
  });

  it('answers a body that trickles in, or is too large, instead of holding the connection', async () => {
    const bodyTimeoutMs = 300;
    const { dashboard } = await startDashboard({ bodyTimeoutMs });
    const head = (path: string, length: number, cookie = '') =>
      [
        `POST ${path} HTTP/1.1`,
        `Host: 127.0.0.1:${dashboard.port}`,
        `Origin: http://127.0.0.1:${dashboard.port}`,
        'Content-Type: application/json',
        `Content-Length: ${length}`,
        ...(cookie ? [`Cookie: ${cookie}`] : []),
      ].join('\n');

    const startedAt = Date.now();
    const slow = await sendPartialRequest(dashboard.port, head('/api/session', 200), '{"token":"', 5_000);
    expect(slow.status).toBe(408);
    expect(slow.text).toContain('REQUEST_TIMEOUT');
    expect(Date.now() - startedAt).toBeLessThan(bodyTimeoutMs + 2_000);

    const huge = await sendPartialRequest(dashboard.port, head('/api/session', 1_000_000), '{"token":"', 5_000);
    expect(huge.status).toBe(413);

    // The token was never spent by those, and calls get the same deadline.
    const client = await signedInClient(dashboard.port);
    const slowCall = await sendPartialRequest(dashboard.port, head('/api/call/settings.update', 100, client.cookie), '{"port":', 5_000);
    expect(slowCall.status).toBe(408);
  });

  it('refuses calls from any other origin or site, even with the cookie', async () => {
    const { dashboard } = await startDashboard();
    const client = await signedInClient(dashboard.port);
    const post = (headers: Record<string, string>) =>
      rawRequest(dashboard.port, {
        method: 'POST',
        path: '/api/call/apiKey.reveal',
        headers: { 'Content-Type': 'application/json', Cookie: client.cookie!, ...headers },
        body: 'null',
      });

    // Another local port is "same-site" and its requests carry our cookie: the Origin check stops it.
    const attempts: Record<string, string>[] = [
      {},
      { Origin: 'http://127.0.0.1:3000' },
      { Origin: 'http://evil.example' },
      { Origin: 'null' },
      { Origin: client.origin, 'Sec-Fetch-Site': 'same-site' },
      { Origin: client.origin, 'Sec-Fetch-Site': 'cross-site' },
    ];
    for (const headers of attempts) {
      const response = await post(headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.json).toMatchObject({ ok: false, error: { code: 'DASHBOARD_ORIGIN_REFUSED' } });
    }
    // Same check on the token exchange: a foreign page cannot plant a session.
    const planted = await rawRequest(dashboard.port, {
      method: 'POST',
      path: '/api/session',
      headers: { 'Content-Type': 'application/json', Origin: 'http://127.0.0.1:3000' },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(planted.status).toBe(403);
    expect((await post({ Origin: client.origin, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
  });
});

describe('calls', () => {
  it('checks every body against the contract before a handler runs', async () => {
    const { dashboard } = await startDashboard();
    const client = await signedInClient(dashboard.port);
    const post = (path: string, body: string, contentType = 'application/json') =>
      rawRequest(dashboard.port, { method: 'POST', path, headers: { 'Content-Type': contentType, Origin: client.origin, Cookie: client.cookie! }, body });

    expect(await post('/api/call/server.getStatus', '{not json')).toMatchObject({ status: 400, json: { ok: false, error: { code: 'BAD_REQUEST' } } });
    expect(await post('/api/call/apiKey.regenerate', '{"confirm":"yes"}')).toMatchObject({ status: 400, json: { ok: false, error: { code: 'BAD_REQUEST' } } });
    expect(await post('/api/call/server.start', '{"port":1}')).toMatchObject({ status: 400, json: { ok: false, error: { code: 'BAD_REQUEST' } } });
    expect(await post('/api/call/server.exec', 'null')).toMatchObject({ status: 404, json: { ok: false, error: { code: 'UNKNOWN_CALL' } } });
    expect(await post('/api/call/toString', 'null')).toMatchObject({ status: 404 });
    expect(await post('/api/call/server.getStatus', 'null', 'text/plain')).toMatchObject({ status: 415 });
    expect(await post('/api/call/clipboard.writeText', JSON.stringify({ text: 'x'.repeat(200 * 1024) }))).toMatchObject({ status: 413 });
    const get = await rawRequest(dashboard.port, { path: '/api/call/server.getStatus', headers: { Cookie: client.cookie! } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(await post('/api/call/server.getStatus', '')).toMatchObject({ status: 200, json: { ok: true, value: { state: 'stopped' } } });
  });

  it('answers a refused change as a Result with its code and a message per field', async () => {
    const { dashboard } = await startDashboard();
    const client = await signedInClient(dashboard.port);
    const refused = await client.call('settings.update', { port: 70000, rateLimit: { rps: -1 } });
    expect(refused.status).toBe(200);
    expect(refused.json).toMatchObject({ ok: false, error: { code: 'SETTINGS_INVALID', fields: { port: expect.any(String), 'rateLimit.rps': expect.any(String) } } });
    const saved = await client.call('settings.update', { rateLimit: { rps: 5 } });
    expect(saved.json).toMatchObject({ ok: true, value: { rateLimit: { rps: 5 } } });
  });
});

describe('the event stream', () => {
  it('starts with the current value of every event, then carries live changes', async () => {
    const { dashboard } = await startDashboard();
    const client = await signedInClient(dashboard.port);
    const events = await client.events();
    cleanups.push(async () => events.close());
    expect(events.status).toBe(200);
    expect(events.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(events.response.headers['cache-control']).toBe('no-store');

    for (const name of ['server.status', 'settings.changed', 'apiKey.changed', 'activity.batch', 'signIn.progress', 'session.changed', 'startAtLogin.changed']) {
      await events.next((message) => message.event === name);
    }
    expect((await events.next((m) => m.event === 'server.status')).data).toMatchObject({ state: 'stopped' });

    await client.call('settings.update', { rateLimit: { rps: 7 } });
    const changed = await events.next((m) => m.event === 'settings.changed' && (m.data as { rateLimit: { rps: number } }).rateLimit.rps === 7);
    expect(changed.data).toMatchObject({ rateLimit: { rps: 7 } });
  });

  it('needs the session, and refuses a foreign origin or site', async () => {
    const { dashboard } = await startDashboard();
    const client = await signedInClient(dashboard.port);
    const get = (headers: Record<string, string>) => rawRequest(dashboard.port, { path: '/api/events', headers });
    expect((await get({})).status).toBe(401);
    expect((await get({ Cookie: client.cookie!, Origin: 'http://127.0.0.1:3000' })).status).toBe(403);
    expect((await get({ Cookie: client.cookie!, 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    expect((await rawRequest(dashboard.port, { method: 'POST', path: '/api/events', headers: { Cookie: client.cookie! } })).status).toBe(405);
  });

  it('keeps only the latest payload of each event while a reader is behind, so a flood cannot grow memory', async () => {
    let emit: AppEventListener = () => {};
    const { dashboard, controller } = await startDashboard({
      subscribe: (listener) => {
        emit = listener;
        return () => {
          emit = () => {};
        };
      },
    });
    const client = await signedInClient(dashboard.port);
    const events = await client.events();
    cleanups.push(async () => events.close());
    await events.next((m) => m.event === 'server.status');

    const view = await controller.handlers['activity.getSnapshot']();
    const padding = 'x'.repeat(20_000);
    for (let sequence = 0; sequence < 1_000; sequence += 1) {
      emit('activity.batch', { ...view, requests: sequence, recent: [{ time: 0, status: 401, client: padding, path: '/mcp', reason: 'AUTH' }] });
    }
    await events.next((m) => m.event === 'activity.batch' && (m.data as { requests: number }).requests === 999);
    const delivered = events.messages.filter((m) => m.event === 'activity.batch' && (m.data as { recent: unknown[] }).recent.length === 1);
    expect(delivered.length).toBeLessThan(20);
  });

  it('allows a bounded number of streams and ends them all on close', async () => {
    const { dashboard } = await startDashboard({ maxStreams: 1 });
    const client = await signedInClient(dashboard.port);
    const first = await client.events();
    const second = await client.events();
    expect(second.status).toBe(503);
    second.close();

    const ended = new Promise<void>((resolve) => first.response.once('end', resolve));
    await dashboard.close();
    await ended;
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: dashboard.port, path: '/' }, () => reject(new Error('still listening')));
      req.on('error', () => resolve());
      req.end();
    });
  });
});
