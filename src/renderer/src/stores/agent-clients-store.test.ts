import { describe, expect, it } from 'vitest';
import type { AgentClientView } from '../../../shared/agent-clients-types.js';
import { FakeBackend, settle } from '../testing/fake-backend.js';
import { createAgentClientsStore } from './agent-clients-store.js';

const HELPER = { available: true, how: 'headersHelper' } as const;
const NO_HTTP = { available: false, reason: 'the key would be in the file' } as const;

function view(client: string, overrides: Partial<AgentClientView> = {}): AgentClientView {
  return { client, name: client, installed: true, configFile: `/home/me/.${client}/mcp.json`, connected: false, http: NO_HTTP, ...overrides };
}

function connected(fake: FakeBackend) {
  const store = createAgentClientsStore(fake.api);
  const disconnect = store.getState().connect();
  return { store, disconnect };
}

describe('agent clients store', () => {
  it('loads the list, reloads it when the settings change (the auth mode decides the HTTP option), stops listening on disconnect', async () => {
    let auth = 'api_key';
    const fake = new FakeBackend().answer('agents.listClients', () => [view('cursor', auth === 'none' ? { http: HELPER } : {})]);
    const { store, disconnect } = connected(fake);
    await settle();
    expect(store.getState().clients?.[0]?.http.available).toBe(false);
    auth = 'none';
    fake.emit('settings.changed', {} as never);
    await settle();
    expect(store.getState().clients?.[0]?.http.available).toBe(true);
    disconnect();
    expect(fake.listenerCount()).toBe(0);
  });

  it('keeps why the list cannot be shown', async () => {
    const fake = new FakeBackend().answer('agents.listClients', () => {
      throw Object.assign(new Error('This host cannot find the agent clients’ config files.'), { code: 'CLIENTS_UNAVAILABLE' });
    });
    const { store } = connected(fake);
    await settle();
    expect(store.getState().loadError?.code).toBe('CLIENTS_UNAVAILABLE');
  });

  it('connects with the bridge by default, with http only when chosen and available, and takes the list it answers with', async () => {
    const fake = new FakeBackend()
      .answer('agents.listClients', () => [view('cursor'), view('claude-code', { http: HELPER })])
      .answer('agents.connect', ({ client, http }) => ({
        change: { client, configFile: `/home/me/.${client}/mcp.json`, changed: true, backupFile: '/b' },
        clients: [view(client, { connected: true, transport: http ? 'http' : 'bridge' }), view('claude-code', { http: HELPER })],
      }));
    const { store } = connected(fake);
    await settle();
    store.getState().setUseHttp('cursor', true); // not available: ignored
    store.getState().setUseHttp('claude-code', true);
    const pending = store.getState().connectAgent('cursor');
    expect(store.getState().busy).toEqual(['cursor']);
    expect(await pending).toBe(true);
    await store.getState().connectAgent('claude-code');
    expect(fake.calls.filter((call) => call.name === 'agents.connect').map((call) => call.request)).toEqual([{ client: 'cursor' }, { client: 'claude-code', http: true }]);
    expect(store.getState()).toMatchObject({ busy: [], outcome: { connected: true, change: { client: 'claude-code', backupFile: '/b' } } });
    expect(store.getState().clients?.[0]).toMatchObject({ connected: true, transport: 'http' });
  });

  it('keeps a refusal with its code on the client, and clears it on the next try', async () => {
    let fails = true;
    const fake = new FakeBackend()
      .answer('agents.listClients', () => [view('zed', { installed: false })])
      .answer('agents.disconnect', ({ client }) => {
        if (fails) throw Object.assign(new Error('/home/me/.config/zed/settings.json line 3: not valid JSON'), { code: 'CLIENT_CONFIG_INVALID' });
        return { change: { client, configFile: '/f', changed: false }, clients: [view(client)] };
      });
    const { store } = connected(fake);
    await settle();
    expect(await store.getState().disconnectAgent('zed')).toBe(false);
    expect(store.getState().errors.zed).toEqual({ code: 'CLIENT_CONFIG_INVALID', message: '/home/me/.config/zed/settings.json line 3: not valid JSON' });
    fails = false;
    expect(await store.getState().disconnectAgent('zed')).toBe(true);
    expect(store.getState().errors).toEqual({});
    expect(store.getState().outcome).toEqual({ connected: false, change: { client: 'zed', configFile: '/f', changed: false } });
  });
});
