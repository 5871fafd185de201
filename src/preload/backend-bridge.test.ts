import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { callChannel, eventChannel, type BackendApi } from '../shared/contract.js';
import { createIpcBackend, type IpcRendererLike } from './backend-bridge.js';

function fakeIpc(answer: (channel: string, request: unknown) => unknown) {
  const emitter = new EventEmitter();
  const invoked: [string, unknown][] = [];
  const ipc: IpcRendererLike = {
    invoke: async (channel, request) => {
      invoked.push([channel, request]);
      return answer(channel, request);
    },
    on: (channel, listener) => emitter.on(channel, listener),
    removeListener: (channel, listener) => emitter.removeListener(channel, listener),
  };
  return { ipc, emitter, invoked };
}

describe('preload backend bridge', () => {
  it('invokes the channel derived from the call name and passes the Result through', async () => {
    const { ipc, invoked } = fakeIpc(() => ({ ok: true, value: { supported: true, enabled: true } }));
    const api = createIpcBackend(ipc);
    expect(await api.call('startAtLogin.set', { enabled: true })).toEqual({ ok: true, value: { supported: true, enabled: true } });
    expect(invoked).toEqual([[callChannel('startAtLogin.set'), { enabled: true }]]);
  });

  it('refuses names outside the contract without touching IPC', async () => {
    const { ipc, invoked } = fakeIpc(() => null);
    const api = createIpcBackend(ipc) as unknown as { call(name: string): Promise<unknown> };
    expect(await api.call('shell.exec')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(invoked).toEqual([]);
  });

  it('turns a transport failure into an error Result', async () => {
    const { ipc } = fakeIpc(() => {
      throw new Error('no handler registered');
    });
    expect(await createIpcBackend(ipc).call('server.start')).toMatchObject({ ok: false, error: { code: 'IPC_FAILED' } });
  });

  it('delivers push events until unsubscribed', () => {
    const { ipc, emitter } = fakeIpc(() => null);
    const api: BackendApi = createIpcBackend(ipc);
    const seen: unknown[] = [];
    const unsubscribe = api.on('server.status', (status) => seen.push(status.state));
    emitter.emit(eventChannel('server.status'), {}, { state: 'running', auth: 'none' });
    unsubscribe();
    emitter.emit(eventChannel('server.status'), {}, { state: 'stopped', auth: 'none' });
    expect(seen).toEqual(['running']);
    expect(emitter.listenerCount(eventChannel('server.status'))).toBe(0);
  });
});
