import { describe, expect, it } from 'vitest';
import type { AppSnapshot } from '../ui-backend/controller.js';
import type { CallHandlers } from '../shared/contract.js';
import { runTrayAction, type TrayActionDeps } from './tray-actions.js';

function setup(failing: Partial<Record<keyof CallHandlers, Error>> = {}) {
  const calls: [string, unknown][] = [];
  const handlers = new Proxy({} as CallHandlers, {
    get: (_target, name: string) => async (request: unknown) => {
      calls.push([name, request]);
      if (failing[name as keyof CallHandlers]) throw failing[name as keyof CallHandlers];
      return null;
    },
  });
  const events: string[] = [];
  const deps: TrayActionDeps = {
    handlers,
    snapshot: () => ({ snippets: [{ id: 'cursor-json', client: 'cursor', title: 'Cursor', language: 'json', content: '{"mcpServers":{}}' }] }) as unknown as AppSnapshot,
    openWindow: () => events.push('open'),
    quit: () => events.push('quit'),
    log: (line) => events.push(line),
  };
  return { calls, events, deps };
}

describe('tray actions', () => {
  it('maps menu actions to backend calls', async () => {
    const { calls, deps } = setup();
    await runTrayAction({ kind: 'startServer' }, deps);
    await runTrayAction({ kind: 'stopServer' }, deps);
    await runTrayAction({ kind: 'copyApiKey' }, deps);
    await runTrayAction({ kind: 'copySnippet', snippetId: 'cursor-json' }, deps);
    await runTrayAction({ kind: 'copySnippet', snippetId: 'gone' }, deps);
    await runTrayAction({ kind: 'setStartAtLogin', enabled: true }, deps);
    await runTrayAction({ kind: 'signOut' }, deps);
    expect(calls).toEqual([
      ['server.start', undefined],
      ['server.stop', undefined],
      ['apiKey.copy', undefined],
      ['clipboard.writeText', { text: '{"mcpServers":{}}' }],
      ['startAtLogin.set', { enabled: true }],
      ['session.signOut', undefined],
    ]);
  });

  it('opens the window and quits through the host', async () => {
    const { events, deps } = setup();
    await runTrayAction({ kind: 'openWindow' }, deps);
    await runTrayAction({ kind: 'quit' }, deps);
    expect(events).toEqual(['open', 'quit']);
  });

  it('logs a failure instead of throwing, and opens the window when sign-in needs settings', async () => {
    const failure = Object.assign(new Error('Sign-in needs an issuer'), { code: 'SIGN_IN_NOT_CONFIGURED' });
    const { events, deps } = setup({ 'signIn.start': failure });
    await expect(runTrayAction({ kind: 'signIn' }, deps)).resolves.toBeUndefined();
    expect(events).toEqual(['[tray] signIn failed: SIGN_IN_NOT_CONFIGURED', 'open']);
  });
});
