import { describe, expect, it } from 'vitest';
import type { CallHandlers } from '../../shared/contract.js';
import { createCallHandler } from './call-handler.js';

const APP = 'file:///opt/app/out/renderer/index.html';
const trusted = (event: { senderFrame: { url: string } | null }) => event.senderFrame?.url === APP;
const fromApp = { senderFrame: { url: APP } };

function handlers(overrides: Partial<CallHandlers>): CallHandlers {
  return overrides as CallHandlers;
}

describe('IPC call handler', () => {
  it('answers the app window with the handler value as a Result', async () => {
    let received: unknown;
    const handle = createCallHandler(
      'startAtLogin.set',
      handlers({ 'startAtLogin.set': async (request) => ((received = request), { supported: true, enabled: request.enabled }) }),
      trusted,
      () => {},
    );
    expect(await handle(fromApp, { enabled: true, sneaky: 'x' })).toEqual({ ok: true, value: { supported: true, enabled: true } });
    expect(received).toEqual({ enabled: true });
  });

  it('refuses other senders without calling the handler', async () => {
    let called = false;
    const logs: string[] = [];
    const handle = createCallHandler('apiKey.reveal', handlers({ 'apiKey.reveal': async () => ((called = true), { apiKey: 'secret' }) }), trusted, (l) => logs.push(l));
    expect(await handle({ senderFrame: { url: 'https://evil.example/' } }, undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await handle({ senderFrame: null }, undefined)).toMatchObject({ ok: false });
    expect(called).toBe(false);
    expect(logs.join('\n')).not.toContain('secret');
  });

  it('refuses malformed arguments before the handler runs', async () => {
    const handle = createCallHandler('apiKey.regenerate', handlers({ 'apiKey.regenerate': async () => { throw new Error('must not run'); } }), trusted, () => {});
    expect(await handle(fromApp, { confirm: 'yes' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('keeps the code and field messages of a failure', async () => {
    const failure = Object.assign(new Error('Some settings are not valid'), { code: 'SETTINGS_INVALID', fields: { port: 'an integer from 0 to 65535' } });
    const handle = createCallHandler('settings.update', handlers({ 'settings.update': async () => { throw failure; } }), trusted, () => {});
    expect(await handle(fromApp, { port: 70000 })).toEqual({
      ok: false,
      error: { code: 'SETTINGS_INVALID', message: 'Some settings are not valid', fields: { port: 'an integer from 0 to 65535' } },
    });
  });
});
