import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { IssuerHealth, ServerStatus, Settings } from '../../../shared/view-types.js';
import { createAppStores } from '../stores/index.js';
import { StoresProvider } from '../stores-context.js';
import { FakeBackend, settle } from '../testing/fake-backend.js';
import { ServerSection } from './ServerSection.js';

const SETTINGS: Settings = {
  host: '127.0.0.1',
  port: 8000,
  auth: 'none',
  oauth: { requiredScopes: [] },
  rateLimit: { rps: 0, burst: 20 },
  sharedFolders: [],
  allowedHosts: [],
  allowedOrigins: [],
  servers: [],
};
const RUNNING: ServerStatus = { state: 'running', auth: 'none', url: 'http://127.0.0.1:8000', mcpUrl: 'http://127.0.0.1:8000/mcp' };

function backend(status: ServerStatus = RUNNING): FakeBackend {
  return new FakeBackend()
    .answer('app.getInfo', () => ({ name: 'MCP Toolkit', version: '0', platform: 'linux', host: 'dashboard', stdio: { command: 'mcp-toolkit', args: [] }, pinned: {} }))
    .answer('server.getStatus', () => status)
    .answer('settings.get', () => SETTINGS);
}

/** Static rendering reads a store's initial state: render the stores as they are now. */
function render(stores: ReturnType<typeof createAppStores>): string {
  const now = <S extends { getState: () => unknown }>(store: S) => ({ ...store, getInitialState: store.getState });
  const loaded = { ...stores, app: now(stores.app), server: now(stores.server), settings: now(stores.settings) } as typeof stores;
  return renderToStaticMarkup(
    <StoresProvider stores={loaded}>
      <ServerSection />
    </StoresProvider>,
  );
}

async function connected(fake: FakeBackend) {
  const stores = createAppStores(fake.api);
  stores.app.getState().connect();
  stores.server.getState().connect();
  stores.settings.getState().connect();
  await settle();
  return stores;
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');

describe('the Server section: "Saved" only once the running server uses the new settings', () => {
  it('says "Applying…" while the backend applies, then "Saved" when it answers', async () => {
    let release: () => void = () => {};
    const fake = backend().answer('settings.update', () => new Promise<Settings>((resolve) => (release = () => resolve({ ...SETTINGS, port: 8001 }))));
    const stores = await connected(fake);

    const saving = stores.settings.getState().save('server', { host: '127.0.0.1', port: 8001 });
    await settle();
    expect(text(render(stores))).toContain('Applying…');
    expect(text(render(stores))).not.toContain('Saved');

    release();
    expect(await saving).toBe(true);
    expect(text(render(stores))).toContain('Saved');
    expect(text(render(stores))).not.toContain('Applying…');
  });

  it('never says "Saved" when the server could not use them: the reason is at the port field and the form says the previous ones are kept', async () => {
    const fake = backend().answer('settings.update', () => {
      throw Object.assign(new Error('The server could not use the new settings, so the previous ones are kept: Port 8001 is in use by another program: pick another one.'), {
        code: 'SETTINGS_NOT_APPLIED',
        fields: { port: 'Port 8001 is in use by another program: pick another one.' },
      });
    });
    const stores = await connected(fake);

    expect(await stores.settings.getState().save('server', { host: '127.0.0.1', port: 8001 })).toBe(false);
    const html = render(stores);
    expect(html).toMatch(/<p id="server-port-error" class="field__error" role="alert">Port 8001 is in use by another program: pick another one\.<\/p>/);
    expect(text(html)).toContain('so the previous ones are kept');
    expect(text(html)).not.toContain('Saved');
  });

  it('shows a failed start in the words of the UI, on the card and at the port field, not in CLI flags', async () => {
    const failed: ServerStatus = {
      state: 'error',
      auth: 'none',
      error: { code: 'PORT_IN_USE', message: 'Port 8000 on 127.0.0.1 is already in use: stop the other program or pick another port (--port, MCP_PORT)', fields: { port: 'Port 8000 is in use by another program: pick another one.' } },
    };
    const html = render(await connected(backend(failed)));
    expect(text(html)).toContain('The server could not start: Port 8000 is in use by another program: pick another one.');
    expect(html).toMatch(/id="server-port-error" class="field__error" role="alert">Port 8000 is in use/);
    expect(html).not.toContain('MCP_PORT');
  });
});

describe('the Server section in oauth mode: whether the issuer is usable', () => {
  const oauth = (issuer: IssuerHealth): ServerStatus => ({ ...RUNNING, auth: 'oauth', issuer });

  it('says plainly that every token will be refused while the issuer was never reached', async () => {
    const html = text(render(await connected(backend(oauth({ state: 'unreachable', discovery: 'failed', jwks: 'unknown', lastError: 'discovery failed: fetch failed (ECONNREFUSED)' })))));
    expect(html).toContain('Running, but every token will be refused: cannot reach the issuer (discovery failed: fetch failed (ECONNREFUSED)). Retrying in the background.');
    expect(html).toContain('Discovery cannot be reached');
    expect(html).toContain('Last key fetch never');
  });

  it('says the issuer is reachable once the keys were fetched, with the time of the fetch', async () => {
    const fetchedAt = Date.UTC(2026, 0, 1, 12, 0, 0);
    const html = text(render(await connected(backend(oauth({ state: 'ok', discovery: 'not_needed', jwks: 'ok', lastKeyFetchAt: fetchedAt })))));
    expect(html).toContain('The issuer is reachable');
    expect(html).toContain('Discovery not needed (JWKS URI set)');
    expect(html).toContain(`Last key fetch ${new Date(fetchedAt).toLocaleTimeString()}`);
    expect(html).not.toContain('every token will be refused');
  });

  it('updates by itself when the backend pushes a new status', async () => {
    const fake = backend(oauth({ state: 'unreachable', discovery: 'failed', jwks: 'unknown', lastError: 'x' }));
    const stores = await connected(fake);
    expect(text(render(stores))).toContain('every token will be refused');
    fake.emit('server.status', oauth({ state: 'ok', discovery: 'ok', jwks: 'ok', lastError: 'x', lastKeyFetchAt: Date.now() }));
    expect(text(render(stores))).toContain('The issuer is reachable');
  });
});
