import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../core/keychain/index.js';
import { ServerStartError } from '../core/server/index.js';
import { DashboardError } from './dashboard-error.js';
import { startServeWithDashboard, type ServeWithDashboard, type ServeWithDashboardOptions } from './serve-with-dashboard.js';
import { dashboardClient, fakeRendererBuild } from './testing/dashboard-client.js';

let home: string;
let assetsDir: string;
let printed: string[];
let logs: string[];
let sessions: ServeWithDashboard[];
let blockers: Server[];

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'mcp-serve-dashboard-'));
  assetsDir = await fakeRendererBuild();
  printed = [];
  logs = [];
  sessions = [];
  blockers = [];
});

afterEach(async () => {
  for (const session of sessions) await session.close();
  for (const blocker of blockers) await new Promise((resolve) => blocker.close(resolve));
  await rm(home, { recursive: true, force: true });
  await rm(assetsDir, { recursive: true, force: true });
});

async function serve(overrides: Partial<ServeWithDashboardOptions> = {}): Promise<ServeWithDashboard> {
  const session = await startServeWithDashboard({
    env: { MCP_TOOLKIT_HOME: home },
    flags: { port: '0' },
    dashboardPort: 0,
    print: (line) => printed.push(line),
    log: (line) => logs.push(line),
    assetsDir,
    secrets: createMemorySecretStore(),
    openUrl: async () => {},
    stdio: { command: 'mcp-toolkit', args: ['stdio'] },
    ...overrides,
  });
  sessions.push(session);
  return session;
}

async function signedIn(session: ServeWithDashboard) {
  const client = dashboardClient(session.dashboard.port);
  const token = new URL(session.dashboard.openUrl).hash.replace('#token=', '');
  expect((await client.exchange(token)).status).toBe(200);
  return client;
}

function listeningUrls(): string[] {
  return printed.flatMap((line) => /^mcp-toolkit listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1] ?? []);
}

async function occupiedPort(): Promise<number> {
  const blocker = createServer();
  blockers.push(blocker);
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  return (blocker.address() as { port: number }).port;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('serve --dashboard', () => {
  it('prints the server line, then the dashboard link; the dashboard stops and starts that server', async () => {
    const session = await serve();
    expect(printed).toHaveLength(2);
    const [url] = listeningUrls();
    expect(printed[1]).toMatch(/^mcp-toolkit dashboard on http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    expect((await fetch(`${url}/health`)).status).toBe(200);

    const client = await signedIn(session);
    expect((await client.call('app.getInfo')).json).toMatchObject({ ok: true, value: { host: 'dashboard', stdio: { command: 'mcp-toolkit' } } });
    expect((await client.call('server.stop')).json).toMatchObject({ ok: true, value: { state: 'stopped' } });
    await expect(fetch(`${url}/health`)).rejects.toThrow();

    expect((await client.call('server.start')).json).toMatchObject({ ok: true, value: { state: 'running' } });
    expect(listeningUrls()).toHaveLength(2);
    expect((await fetch(`${listeningUrls()[1]}/health`)).status).toBe(200);
    expect(logs.join('\n')).not.toContain(session.dashboard.openUrl.split('#token=')[1]);
  });

  it('applies a settings change to the running server at once, without a restart, and saves it without the flags', async () => {
    const session = await serve();
    const client = await signedIn(session);
    expect((await client.call('app.getInfo')).json).toMatchObject({ ok: true, value: { pinned: { port: '--port' } } });
    const saved = await client.call('settings.update', { rateLimit: { rps: 1, burst: 1 } });
    expect(saved.json).toMatchObject({ ok: true, value: { port: 0, rateLimit: { rps: 1, burst: 1 } } });

    // Applied live: the same server, the same port, nothing announced again.
    const url = listeningUrls().at(-1);
    expect(listeningUrls()).toHaveLength(1);
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await fetch(`${url}/tools`)).status);
    expect(statuses).toContain(429);

    const file = JSON.parse(await readFile(join(home, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ rateLimit: { rps: 1, burst: 1 } });
    expect(file.port).toBe(8000);

    const pinned = await client.call('settings.update', { port: 9000 });
    expect(pinned.json).toMatchObject({ ok: false, error: { code: 'SETTINGS_INVALID', fields: { port: 'set by --port for this run, so it cannot be changed here' } } });
  });

  it('leaves copying to the browser: the server has no clipboard, reveal still works', async () => {
    const session = await serve({ flags: { port: '0', auth: 'api_key' } });
    const client = await signedIn(session);
    expect((await client.call('apiKey.copy')).json).toMatchObject({ ok: false, error: { code: 'CLIPBOARD_IN_BROWSER' } });
    expect((await client.call('clipboard.writeText', { text: 'snippet' })).json).toMatchObject({ ok: false, error: { code: 'CLIPBOARD_IN_BROWSER' } });
    const revealed = (await client.call('apiKey.reveal')).json as { value: { apiKey: string } };
    const url = listeningUrls()[0];
    expect((await fetch(`${url}/tools`, { headers: { 'X-API-Key': revealed.value.apiKey } })).status).toBe(200);
    expect((await fetch(`${url}/tools`, { headers: { 'X-API-Key': 'wrong' } })).status).toBe(401);
  });

  it('fails like plain serve when the server cannot start, printing nothing and closing the dashboard again', async () => {
    const port = await occupiedPort();
    const dashboardPort = await freePort();
    const failure = serve({ flags: { port: String(port) }, dashboardPort });
    await expect(failure).rejects.toBeInstanceOf(ServerStartError);
    await expect(failure).rejects.toMatchObject({ code: 'PORT_IN_USE' });
    expect(printed).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${dashboardPort}/`)).rejects.toThrow();
  });

  it('binds both ports before announcing: a taken dashboard port prints nothing and never starts the server', async () => {
    const dashboardPort = await occupiedPort();
    const port = await freePort();
    await expect(serve({ flags: { port: String(port) }, dashboardPort })).rejects.toMatchObject({ code: 'DASHBOARD_PORT_IN_USE' });
    expect(printed).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it('refuses to start when the dashboard is not built', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'mcp-no-build-'));
    try {
      const failure = serve({ assetsDir: empty });
      await expect(failure).rejects.toBeInstanceOf(DashboardError);
      await expect(failure).rejects.toMatchObject({ code: 'DASHBOARD_NOT_BUILT' });
      expect(printed).toEqual([]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
