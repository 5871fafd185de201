import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunSettings, createSettingsStore } from '../core/config/index.js';
import { createMemorySecretStore } from '../core/keychain/index.js';
import { createMetrics } from '../core/metrics/index.js';
import type { CallName, EventName } from '../shared/contract.js';
import { createMemoryAppState } from './app-state-file.js';
import { createAppController, type AppController } from './controller.js';
import { invokeCall } from './invoke-call.js';
import type { ServersControl } from './servers-control.js';
import { FakeServersControl, upstreamView } from './testing/fake-servers-control.js';

let dir: string;
let controllers: AppController[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-controller-servers-'));
  controllers = [];
});

afterEach(async () => {
  for (const controller of controllers) await controller.shutdown();
  await rm(dir, { recursive: true, force: true });
});

async function start(servers?: ServersControl) {
  const log: string[] = [];
  const controller = createAppController({
    settings: createRunSettings({ file: createSettingsStore({ filePath: join(dir, 'settings.json') }), env: {} }),
    appState: createMemoryAppState({ serverWasRunning: false }),
    secrets: createMemorySecretStore(),
    metrics: createMetrics(),
    info: { name: 'MCP Toolkit', version: '0', platform: process.platform, host: 'desktop', stdio: { command: 'x', args: ['stdio'] } },
    openUrl: () => {},
    clipboard: { writeText: () => {} },
    log: (line) => log.push(line),
    ...(servers && { servers }),
  });
  controllers.push(controller);
  const events: { event: EventName; payload: unknown }[] = [];
  controller.subscribe((event, payload) => events.push({ event, payload }));
  await controller.init();
  /** As a host calls: the request arrives untrusted and the answer is a Result. */
  const call = (name: CallName, body?: unknown) => invokeCall(controller.handlers, name, body, (line) => log.push(line), '[test]');
  return { controller, events, log, call };
}

describe('the controller over a ServersControl', () => {
  it('hands each checked request to the control and answers a change with the list as it is after it', async () => {
    const fake = new FakeServersControl();
    const { call } = await start(fake);
    const added = await call('servers.add', { name: 'github', kind: 'stdio', command: 'npx', args: ['gh'], env: {}, secrets: [{ key: 'TOKEN', value: 'v' }] });
    expect(added).toMatchObject({ ok: true, value: [{ name: 'github', secrets: ['TOKEN'] }] });
    expect(await call('servers.setEnabled', { name: 'github', enabled: false })).toMatchObject({ ok: true, value: [{ name: 'github', state: 'disabled' }] });
    await call('servers.setToolEnabled', { name: 'github', tool: 'search', enabled: false });
    await call('servers.restart', { name: 'github' });
    await call('servers.approve', { name: 'github' });
    await call('servers.setSecret', { name: 'github', key: 'TOKEN', value: 'new' });
    await call('servers.removeSecret', { name: 'github', key: 'TOKEN' });
    expect(await call('servers.logs', { name: 'github' })).toEqual({ ok: true, value: ['github: line 1'] });
    await call('servers.logs', { name: 'github', lines: 5 });
    expect(await call('servers.remove', { name: 'github', confirm: true })).toEqual({ ok: true, value: [] });
    expect(fake.calls).toEqual([
      ['add', { name: 'github', kind: 'stdio', command: 'npx', args: ['gh'], env: {}, enabled: true, disabledTools: [], secrets: [{ key: 'TOKEN', value: 'v' }] }],
      ['setEnabled', 'github', false],
      ['setToolEnabled', 'github', 'search', false],
      ['restart', 'github'],
      ['approve', 'github'],
      ['setSecret', 'github', 'TOKEN', 'new'],
      ['removeSecret', 'github', 'TOKEN'],
      ['logs', 'github', 200],
      ['logs', 'github', 5],
      ['remove', 'github'],
    ]);
  });

  it('previews and runs an import', async () => {
    const fake = new FakeServersControl();
    const { call } = await start(fake);
    expect(await call('servers.importPreview', { from: 'cursor' })).toMatchObject({ ok: true, value: { from: 'cursor', add: [{ name: 'fs', secrets: ['API_KEY'] }] } });
    expect(await call('servers.import', { from: 'cursor' })).toMatchObject({ ok: true, value: { servers: [{ name: 'fs' }] } });
    expect(fake.calls).toEqual([['importPreview', 'cursor'], ['import', 'cursor']]);
  });

  it('never reaches the control with a bad request, and passes its refusals on with code and fields', async () => {
    const fake = new FakeServersControl();
    const { call } = await start(fake);
    expect(await call('servers.remove', { name: 'github' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(fake.calls).toEqual([]);
    fake.failNext = Object.assign(new Error('a server named github exists'), { code: 'SERVER_EXISTS', fields: { name: 'a server named github exists' } });
    expect(await call('servers.add', { name: 'github', kind: 'http', url: 'https://x.example/mcp' })).toEqual({
      ok: false,
      error: { code: 'SERVER_EXISTS', message: 'a server named github exists', fields: { name: 'a server named github exists' } },
    });
  });

  it('pushes servers.changed on every change of the list, gives the tray the list, and stops listening at shutdown', async () => {
    const fake = new FakeServersControl();
    const { controller, events } = await start(fake);
    fake.change([upstreamView('fs', { state: 'crashed' })]);
    expect(events.filter((e) => e.event === 'servers.changed').map((e) => e.payload)).toEqual([[upstreamView('fs', { state: 'crashed' })]]);
    expect(controller.snapshot().servers).toEqual([upstreamView('fs', { state: 'crashed' })]);
    expect(fake.listenerCount()).toBe(1);
    await controller.shutdown();
    expect(fake.listenerCount()).toBe(0);
  });

  it('without a gateway: every servers call fails with GATEWAY_NOT_RUNNING and the tray shows no servers', async () => {
    const { controller, call } = await start();
    expect(await call('servers.list')).toMatchObject({ ok: false, error: { code: 'GATEWAY_NOT_RUNNING', message: expect.stringContaining('not running') } });
    expect(await call('servers.restart', { name: 'github' })).toMatchObject({ ok: false, error: { code: 'GATEWAY_NOT_RUNNING' } });
    expect(await call('servers.importPreview', { from: 'vscode' })).toMatchObject({ ok: false, error: { code: 'GATEWAY_NOT_RUNNING' } });
    expect(controller.snapshot().servers).toEqual([]);
  });
});
