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
    openWindow: (section) => events.push(section ? `open ${section}` : 'open'),
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
    await runTrayAction({ kind: 'restartUpstream', name: 'github' }, deps);
    await runTrayAction({ kind: 'signInUpstream', name: 'notion' }, deps);
    expect(calls).toEqual([
      ['server.start', undefined],
      ['server.stop', undefined],
      ['apiKey.copy', undefined],
      ['clipboard.writeText', { text: '{"mcpServers":{}}' }],
      ['startAtLogin.set', { enabled: true }],
      ['session.signOut', undefined],
      ['servers.restart', { name: 'github' }],
      ['logins.signIn', { server: 'notion' }],
    ]);
  });

  it('opens the window and quits through the host', async () => {
    const { events, deps } = setup();
    await runTrayAction({ kind: 'openWindow' }, deps);
    await runTrayAction({ kind: 'openServers' }, deps);
    await runTrayAction({ kind: 'quit' }, deps);
    expect(events).toEqual(['open', 'open servers', 'quit']);
  });

  it('logs a failure instead of throwing, and opens the window when sign-in needs settings', async () => {
    const failure = Object.assign(new Error('Sign-in needs an issuer'), { code: 'SIGN_IN_NOT_CONFIGURED' });
    const { events, deps } = setup({ 'signIn.start': failure });
    await expect(runTrayAction({ kind: 'signIn' }, deps)).resolves.toBeUndefined();
    expect(events).toEqual(['[tray] signIn failed: SIGN_IN_NOT_CONFIGURED', 'open']);
  });

  it('logs a failed restart of an upstream by its code (the gateway is not running)', async () => {
    const failure = Object.assign(new Error('The gateway is not running'), { code: 'GATEWAY_NOT_RUNNING' });
    const { events, deps } = setup({ 'servers.restart': failure });
    await expect(runTrayAction({ kind: 'restartUpstream', name: 'fs' }, deps)).resolves.toBeUndefined();
    expect(events).toEqual(['[tray] restartUpstream failed: GATEWAY_NOT_RUNNING']);
  });
});
