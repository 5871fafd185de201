import { describe, expect, it } from 'vitest';
import type { UpstreamView } from '../../../shared/gateway-types.js';
import type { ImportPlan, ServerAddRequest } from '../../../shared/servers-types.js';
import { FakeBackend, settle } from '../testing/fake-backend.js';
import { createServersStore, LOG_LINES } from './servers-store.js';

function view(name: string, overrides: Partial<UpstreamView> = {}): UpstreamView {
  return { name, kind: 'stdio', enabled: true, state: 'running', needsApproval: false, target: `npx ${name}`, tools: [], pending: [], secrets: [], recentErrorOutput: [], ...overrides };
}

const PLAN: ImportPlan = {
  from: 'claude-desktop',
  configPath: '/home/me/.config/Claude/claude_desktop_config.json',
  add: [{ name: 'github', kind: 'stdio', target: 'npx -y @modelcontextprotocol/server-github', secrets: ['GITHUB_TOKEN'] }],
  skipped: [{ name: 'fs', reason: 'a server named fs exists' }],
};

function connected(fake: FakeBackend) {
  const store = createServersStore(fake.api);
  const disconnect = store.getState().connect();
  return { store, disconnect };
}

describe('servers store', () => {
  it('loads the list, follows servers.changed, and stops listening on disconnect', async () => {
    const fake = new FakeBackend().answer('servers.list', () => [view('github')]);
    const { store, disconnect } = connected(fake);
    await settle();
    expect(store.getState().servers).toEqual([view('github')]);
    fake.emit('servers.changed', [view('github', { state: 'crashed' })]);
    expect(store.getState().servers?.[0]?.state).toBe('crashed');
    disconnect();
    expect(fake.listenerCount()).toBe(0);
  });

  it('keeps why the list cannot be shown, until a list arrives', async () => {
    const fake = new FakeBackend().answer('servers.list', () => {
      throw Object.assign(new Error('The gateway is not running'), { code: 'GATEWAY_NOT_RUNNING' });
    });
    const { store } = connected(fake);
    await settle();
    expect(store.getState().loadError).toEqual({ code: 'GATEWAY_NOT_RUNNING', message: 'The gateway is not running' });
    fake.emit('servers.changed', []);
    expect(store.getState()).toMatchObject({ servers: [], loadError: null });
  });

  it('sends each change of a server and takes the list it answers with', async () => {
    const fake = new FakeBackend()
      .answer('servers.list', () => [view('github')])
      .answer('servers.setEnabled', ({ name, enabled }) => [view(name, { enabled, state: enabled ? 'starting' : 'disabled' })])
      .answer('servers.setToolEnabled', ({ name }) => [view(name)])
      .answer('servers.restart', ({ name }) => [view(name, { state: 'starting' })])
      .answer('servers.approve', ({ name }) => [view(name)])
      .answer('servers.setSecret', ({ name, key }) => [view(name, { secrets: [key] })])
      .answer('servers.removeSecret', ({ name }) => [view(name)])
      .answer('servers.remove', () => []);
    const { store } = connected(fake);
    await settle();
    const actions = store.getState();
    expect(await actions.setEnabled('github', false)).toBe(true);
    expect(store.getState().servers?.[0]?.state).toBe('disabled');
    await actions.setToolEnabled('github', 'search', false);
    await actions.restart('github');
    expect(store.getState().servers?.[0]?.state).toBe('starting');
    await actions.approve('github');
    await actions.setSecret('github', 'TOKEN', 's3cret');
    expect(store.getState().servers?.[0]?.secrets).toEqual(['TOKEN']);
    await actions.removeSecret('github', 'TOKEN');
    await actions.remove('github');
    expect(store.getState()).toMatchObject({ servers: [], busy: [] });
    expect(fake.calls.slice(1)).toEqual([
      { name: 'servers.setEnabled', request: { name: 'github', enabled: false } },
      { name: 'servers.setToolEnabled', request: { name: 'github', tool: 'search', enabled: false } },
      { name: 'servers.restart', request: { name: 'github' } },
      { name: 'servers.approve', request: { name: 'github' } },
      { name: 'servers.setSecret', request: { name: 'github', key: 'TOKEN', value: 's3cret' } },
      { name: 'servers.removeSecret', request: { name: 'github', key: 'TOKEN' } },
      { name: 'servers.remove', request: { name: 'github', confirm: true } },
    ]);
  });

  it('marks a server busy while its request runs, and keeps a failure with that server until its next request', async () => {
    let finish: (views: UpstreamView[]) => void = () => {};
    let fail = true;
    const fake = new FakeBackend().answer('servers.list', () => [view('fs'), view('github')]).answer('servers.restart', () => {
      if (fail) throw Object.assign(new Error('upstream `fs` is not configured'), { code: 'SERVER_NOT_FOUND' });
      return new Promise<UpstreamView[]>((resolve) => (finish = resolve));
    });
    const { store } = connected(fake);
    await settle();
    expect(await store.getState().restart('fs')).toBe(false);
    expect(store.getState().errors).toEqual({ fs: { code: 'SERVER_NOT_FOUND', message: 'upstream `fs` is not configured' } });
    fail = false;
    const restarting = store.getState().restart('fs');
    expect(store.getState()).toMatchObject({ busy: ['fs'], errors: {} });
    await settle();
    finish([view('fs', { state: 'starting' }), view('github')]);
    expect(await restarting).toBe(true);
    expect(store.getState().busy).toEqual([]);
  });

  it('add: local errors stop the request; the gateway\'s field errors come back to the form', async () => {
    const fake = new FakeBackend().answer('servers.list', () => []).answer('servers.add', (server) => {
      if (server.name === 'taken') throw Object.assign(new Error('Not added'), { code: 'SERVER_INVALID', fields: { name: 'a server named taken exists' } });
      return [view(server.name)];
    });
    const { store } = connected(fake);
    await settle();
    const server: ServerAddRequest = { name: 'taken', kind: 'stdio', command: 'npx', args: [], env: {}, enabled: true, disabledTools: [] };
    expect(await store.getState().add({ errors: { name: 'bad name' } })).toBe(false);
    expect(store.getState().addFieldErrors).toEqual({ name: 'bad name' });
    expect(fake.calls.map((call) => call.name)).toEqual(['servers.list']);
    expect(await store.getState().add({ request: server, errors: {} })).toBe(false);
    expect(store.getState()).toMatchObject({ adding: false, addFieldErrors: { name: 'a server named taken exists' }, addError: { code: 'SERVER_INVALID' } });
    expect(await store.getState().add({ request: { ...server, name: 'fs', secrets: [{ key: 'TOKEN', value: 'v' }] }, errors: {} })).toBe(true);
    expect(store.getState()).toMatchObject({ servers: [view('fs')], addFieldErrors: {}, addError: null });
    expect(fake.calls.at(-1)).toEqual({ name: 'servers.add', request: { ...server, name: 'fs', secrets: [{ key: 'TOKEN', value: 'v' }] } });
  });

  it('import: previews, then imports the previewed client on confirm, or forgets the plan on cancel', async () => {
    const fake = new FakeBackend()
      .answer('servers.list', () => [])
      .answer('servers.importPreview', ({ from }) => ({ ...PLAN, from }))
      .answer('servers.import', ({ from }) => ({ ...PLAN, from, servers: [view('github', { secrets: ['GITHUB_TOKEN'] })] }));
    const { store } = connected(fake);
    await settle();
    await store.getState().previewImport('cursor');
    expect(store.getState().importPlan).toEqual({ ...PLAN, from: 'cursor' });
    store.getState().cancelImport();
    expect(store.getState().importPlan).toBeNull();
    await store.getState().confirmImport();
    expect(fake.calls.map((call) => call.name)).toEqual(['servers.list', 'servers.importPreview']);

    await store.getState().previewImport('claude-desktop');
    await store.getState().confirmImport();
    expect(fake.calls.at(-1)).toEqual({ name: 'servers.import', request: { from: 'claude-desktop' } });
    expect(store.getState()).toMatchObject({ importPlan: null, importing: null, importResult: { from: 'claude-desktop' }, servers: [{ name: 'github' }] });
  });

  it('import: a client without a config says so', async () => {
    const fake = new FakeBackend().answer('servers.list', () => []).answer('servers.importPreview', () => {
      throw Object.assign(new Error('No Windsurf config at ~/.codeium/windsurf/mcp_config.json'), { code: 'IMPORT_SOURCE_NOT_FOUND' });
    });
    const { store } = connected(fake);
    await settle();
    await store.getState().previewImport('windsurf');
    expect(store.getState()).toMatchObject({ importPlan: null, importing: null, importError: { code: 'IMPORT_SOURCE_NOT_FOUND' } });
  });

  it('loads a server\'s error output on demand', async () => {
    const fake = new FakeBackend().answer('servers.list', () => []).answer('servers.logs', ({ name }) => [`${name}: boom`]);
    const { store } = connected(fake);
    await store.getState().loadLogs('fs');
    expect(store.getState().logs).toEqual({ fs: ['fs: boom'] });
    expect(fake.calls.at(-1)).toEqual({ name: 'servers.logs', request: { name: 'fs', lines: LOG_LINES } });
  });
});
