import { describe, expect, it } from 'vitest';
import type { ActivityView, Settings } from '../../../shared/view-types.js';
import { EMPTY_ACTIVITY } from '../testing/activity-fixtures.js';
import { FakeBackend, settle } from '../testing/fake-backend.js';
import { createAppStores } from './index.js';

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

function emptyActivity(unauthorized = 0): ActivityView {
  return { ...EMPTY_ACTIVITY, unauthorized: { total: unauthorized, byReason: unauthorized ? { AUTH_INVALID_KEY: unauthorized } : {} } };
}

function backend() {
  return new FakeBackend()
    .answer('app.getInfo', () => ({ name: 'MCP Toolkit', version: '1', platform: 'linux', host: 'desktop', stdio: { command: 'x', args: ['stdio'] }, pinned: {} }))
    .answer('startAtLogin.get', () => ({ supported: false, enabled: false }))
    .answer('server.getStatus', () => ({ state: 'stopped', auth: 'none' }))
    .answer('settings.get', () => SETTINGS)
    .answer('apiKey.getStatus', () => ({ source: 'keychain', masked: '••••••••abcd' }))
    .answer('activity.getSnapshot', () => emptyActivity())
    .answer('agents.getSnippets', () => [])
    .answer('signIn.getProgress', () => ({ phase: 'idle' }))
    .answer('session.get', () => null);
}

describe('renderer stores', () => {
  it('load their initial state on connect and stop listening on unsubscribe', async () => {
    const fake = backend();
    const stores = createAppStores(fake.api);
    const disconnect = stores.connect();
    await settle();
    expect(stores.server.getState().status).toEqual({ state: 'stopped', auth: 'none' });
    expect(stores.settings.getState().settings).toEqual(SETTINGS);
    expect(stores.apiKey.getState().status?.masked).toBe('••••••••abcd');
    expect(stores.app.getState().info?.name).toBe('MCP Toolkit');
    expect(fake.listenerCount()).toBeGreaterThan(0);
    disconnect();
    expect(fake.listenerCount()).toBe(0);
  });

  it('server: start and stop follow the backend, push events update the status', async () => {
    const fake = backend().answer('server.start', () => ({ state: 'running', auth: 'none', url: 'http://127.0.0.1:8000', mcpUrl: 'http://127.0.0.1:8000/mcp' }));
    const stores = createAppStores(fake.api);
    stores.connect();
    await settle();
    const starting = stores.server.getState().start();
    expect(stores.server.getState().busy).toBe(true);
    await starting;
    expect(stores.server.getState()).toMatchObject({ busy: false, status: { state: 'running' } });
    fake.emit('server.status', { state: 'error', auth: 'none', error: { code: 'PORT_IN_USE', message: 'Port 8000 is in use' } });
    expect(stores.server.getState().status?.error?.code).toBe('PORT_IN_USE');
  });

  it('settings: field errors from the backend are kept per field and nothing changes', async () => {
    const fake = backend().answer('settings.update', () => {
      throw Object.assign(new Error('Some settings are not valid; nothing was saved.'), { code: 'SETTINGS_INVALID', fields: { port: 'an integer from 0 to 65535' } });
    });
    const stores = createAppStores(fake.api);
    stores.connect();
    await settle();
    expect(await stores.settings.getState().save('server', { port: 70000 })).toBe(false);
    expect(stores.settings.getState()).toMatchObject({ fieldErrors: { port: 'an integer from 0 to 65535' }, settings: SETTINGS, saving: null });
  });

  it('settings: local form errors stop a save before it reaches the backend', async () => {
    const fake = backend();
    const stores = createAppStores(fake.api);
    expect(await stores.settings.getState().save('server', {}, { port: 'Enter a whole number.' })).toBe(false);
    expect(fake.calls.some((call) => call.name === 'settings.update')).toBe(false);
    expect(stores.settings.getState().fieldErrors).toEqual({ port: 'Enter a whole number.' });
  });

  it('settings: a successful save updates the settings and marks the form saved', async () => {
    const fake = backend().answer('settings.update', (patch) => ({ ...SETTINGS, ...(patch as object) }) as Settings);
    const stores = createAppStores(fake.api);
    expect(await stores.settings.getState().save('rateLimit', { rateLimit: { rps: 5, burst: 10 } })).toBe(true);
    expect(stores.settings.getState()).toMatchObject({ savedForm: 'rateLimit', fieldErrors: {}, settings: { rateLimit: { rps: 5, burst: 10 } } });
  });

  it('API key: the secret arrives only on Reveal, and regeneration needs confirmation', async () => {
    const fake = backend()
      .answer('apiKey.reveal', () => ({ apiKey: 'the-secret-key-0123456789' }))
      .answer('apiKey.copy', () => ({ copied: true }))
      .answer('apiKey.regenerate', () => ({ source: 'keychain', masked: '••••••••wxyz' }));
    const stores = createAppStores(fake.api);
    stores.connect();
    await settle();
    expect(JSON.stringify(stores.apiKey.getState())).not.toContain('the-secret-key');
    await stores.apiKey.getState().reveal();
    expect(stores.apiKey.getState().revealed).toBe('the-secret-key-0123456789');
    stores.apiKey.getState().hide();
    expect(stores.apiKey.getState().revealed).toBeNull();
    await stores.apiKey.getState().copy();
    expect(stores.apiKey.getState().copied).toBe(true);

    stores.apiKey.getState().askRegenerate();
    expect(stores.apiKey.getState().confirmingRegenerate).toBe(true);
    stores.apiKey.getState().cancelRegenerate();
    expect(fake.calls.some((call) => call.name === 'apiKey.regenerate')).toBe(false);
    stores.apiKey.getState().askRegenerate();
    await stores.apiKey.getState().confirmRegenerate();
    expect(fake.calls.find((call) => call.name === 'apiKey.regenerate')?.request).toEqual({ confirm: true });
    expect(stores.apiKey.getState()).toMatchObject({ confirmingRegenerate: false, status: { masked: '••••••••wxyz' } });
  });

  it('activity: batches replace the view, and a late snapshot does not overwrite a newer batch', async () => {
    let release: (view: ActivityView) => void = () => {};
    const fake = backend().answer('activity.getSnapshot', () => new Promise<ActivityView>((resolve) => (release = resolve)));
    const stores = createAppStores(fake.api);
    stores.connect();
    fake.emit('activity.batch', emptyActivity(7));
    release(emptyActivity(0));
    await settle();
    expect(stores.activity.getState().view?.unauthorized.total).toBe(7);
  });

  it('activity: a batch brings the calls to upstream servers', async () => {
    const fake = backend();
    const stores = createAppStores(fake.api);
    stores.connect();
    await settle();
    expect(stores.activity.getState().view?.upstreamCalls).toEqual([]);
    const calls = [{ server: 'github', tool: 'search_repos', ok: 3, errors: 1, total: 4, byOutcome: { ok: 3, timeout: 1 } }];
    fake.emit('activity.batch', { ...emptyActivity(), upstreamCalls: calls, upstreamLatency: [{ server: 'github', timedCalls: 4, meanLatencyMs: 12 }] });
    expect(stores.activity.getState().view?.upstreamCalls).toEqual(calls);
    expect(stores.activity.getState().view?.upstreamLatency[0]?.meanLatencyMs).toBe(12);
  });

  it('snippets: reload when settings change and copy the chosen one', async () => {
    let mode = 'none';
    const fake = backend()
      .answer('agents.getSnippets', () => [{ client: 'cursor', id: 'cursor-json', title: 'Cursor', language: 'json', content: `{"mode":"${mode}"}` }])
      .answer('clipboard.writeText', () => ({ copied: true }));
    const stores = createAppStores(fake.api);
    stores.connect();
    await settle();
    mode = 'api_key';
    fake.emit('settings.changed', { ...SETTINGS, auth: 'api_key' });
    await settle();
    expect(stores.snippets.getState().snippets[0]?.content).toBe('{"mode":"api_key"}');
    await stores.snippets.getState().copy('cursor-json');
    expect(fake.calls.at(-1)).toEqual({ name: 'clipboard.writeText', request: { text: '{"mode":"api_key"}' } });
    expect(stores.snippets.getState().copiedId).toBe('cursor-json');
  });

  it('sign-in: progress and session arrive as events; a configuration error is kept with its fields', async () => {
    const fake = backend()
      .answer('signIn.start', () => {
        throw Object.assign(new Error('Sign-in needs an issuer and a client id.'), { code: 'SIGN_IN_NOT_CONFIGURED', fields: { 'oauth.issuer': 'Enter the issuer URL to sign in.' } });
      })
      .answer('session.signOut', () => null);
    const stores = createAppStores(fake.api);
    stores.connect();
    await settle();
    await stores.signIn.getState().start();
    expect(stores.signIn.getState().error).toMatchObject({ code: 'SIGN_IN_NOT_CONFIGURED', fields: { 'oauth.issuer': 'Enter the issuer URL to sign in.' } });
    fake.emit('signIn.progress', { phase: 'waiting_for_browser' });
    expect(stores.signIn.getState().progress.phase).toBe('waiting_for_browser');
    fake.emit('session.changed', { subject: 'alice', issuer: 'https://id.example.com', expiresAt: null });
    expect(stores.signIn.getState().session?.subject).toBe('alice');
    await stores.signIn.getState().signOut();
    expect(stores.signIn.getState().session).toBeNull();
  });

  it('sign-in: a step pushed before the answer to Sign in stays shown (the answer is the older report)', async () => {
    const fake = backend().answer('signIn.start', () => {
      // The sign-in moved on, and its event arrived, before the answer to the call did.
      fake.emit('signIn.progress', { phase: 'waiting_for_browser', seq: 2 });
      return { phase: 'starting', seq: 1 };
    });
    const stores = createAppStores(fake.api);
    stores.connect();
    await settle();
    await stores.signIn.getState().start();
    expect(stores.signIn.getState().progress).toEqual({ phase: 'waiting_for_browser', seq: 2 });
    fake.emit('signIn.progress', { phase: 'exchanging', seq: 3 });
    expect(stores.signIn.getState().progress.phase).toBe('exchanging');
  });
});
