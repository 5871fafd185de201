import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, callChannel, type CallHandlers } from '../../shared/contract.js';

// Electron is not installed here: record what would be registered with ipcMain.
const handled = vi.hoisted(() => new Map<string, (event: unknown, request: unknown) => Promise<unknown>>());
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, listener: (event: unknown, request: unknown) => Promise<unknown>) => handled.set(channel, listener) },
}));

const { registerIpc } = await import('./index.js');

describe('IPC registration', () => {
  it('registers one channel per call, derived from the contract, all guarded by the sender check', async () => {
    const handlers = Object.fromEntries(CALL_NAMES.map((name) => [name, async () => name])) as unknown as CallHandlers;
    registerIpc({ handlers, isTrustedSender: (event) => event.senderFrame?.url === 'file:///app/index.html', log: () => {} });
    expect([...handled.keys()].sort()).toEqual(CALL_NAMES.map(callChannel).sort());
    for (const name of CALL_NAMES) {
      const handle = handled.get(callChannel(name))!;
      expect(await handle({ senderFrame: { url: 'http://evil.example/' } }, undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
    const start = handled.get(callChannel('server.start'))!;
    expect(await start({ senderFrame: { url: 'file:///app/index.html' } }, undefined)).toEqual({ ok: true, value: 'server.start' });
  });
});
