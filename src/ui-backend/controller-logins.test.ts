import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunSettings, createSettingsStore } from '../core/config/index.js';
import { createMemorySecretStore } from '../core/keychain/index.js';
import { createMetrics } from '../core/metrics/index.js';
import type { CallName, EventName } from '../shared/contract.js';
import type { LoginView, ServerSignInProgress } from '../shared/logins-types.js';
import { createMemoryAppState } from './app-state-file.js';
import { createAppController, type AppController } from './controller.js';
import { invokeCall } from './invoke-call.js';
import { FakeServersControl, upstreamView } from './testing/fake-servers-control.js';
import { FAKE_ISSUER, FakeUpstreamLogins } from './testing/fake-upstream-logins.js';

let dir: string;
let controllers: AppController[];

const SERVERS = [
  { name: 'notion', kind: 'http', url: 'http://127.0.0.1:9/notion/mcp', headers: {} },
  { name: 'docs', kind: 'http', url: 'http://127.0.0.1:9/docs/mcp', headers: {} },
  { name: 'fs', kind: 'stdio', command: 'node', args: ['fs.js'] },
];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-controller-logins-'));
  controllers = [];
});

afterEach(async () => {
  for (const controller of controllers) await controller.shutdown();
  await rm(dir, { recursive: true, force: true });
});

async function start({ withLogins = true, realServers = false } = {}) {
  const upstreamLogins = withLogins ? new FakeUpstreamLogins() : undefined;
  await writeFile(join(dir, 'settings.json'), JSON.stringify({ servers: SERVERS }));
  const servers = new FakeServersControl();
  // The gateway found that notion wants OAuth; docs is a plain remote server.
  servers.views = [
    upstreamView('notion', { kind: 'http', state: 'needs-sign-in', lastError: 'notion asked for a sign-in' }),
    upstreamView('docs', { kind: 'http' }),
    upstreamView('fs'),
  ];
  const log: string[] = [];
  const opened: string[] = [];
  const controller = createAppController({
    settings: createRunSettings({ file: createSettingsStore({ filePath: join(dir, 'settings.json') }), env: {} }),
    appState: createMemoryAppState({ serverWasRunning: false }),
    secrets: createMemorySecretStore(),
    metrics: createMetrics(),
    info: { name: 'MCP Toolkit', version: '0', platform: process.platform, host: 'desktop', stdio: { command: 'x', args: ['stdio'] } },
    openUrl: (url) => void opened.push(url),
    clipboard: { writeText: () => {} },
    log: (line) => log.push(line),
    // The real servers control (settings file, keychain, sign-out on removal) where the test says so.
    ...(realServers ? { pathContext: { platform: process.platform, env: {}, homedir: dir } } : { servers }),
    ...(upstreamLogins && { upstreamLogins }),
  });
  controllers.push(controller);
  const events: { event: EventName; payload: unknown }[] = [];
  controller.subscribe((event, payload) => events.push({ event, payload }));
  await controller.init();
  const call = (name: CallName, body?: unknown) => invokeCall(controller.handlers, name, body, (line) => log.push(line), '[test]');
  const steps = (server: string) => events.filter((e) => e.event === 'logins.progress' && (e.payload as ServerSignInProgress).server === server).map((e) => (e.payload as ServerSignInProgress).step);
  const lists = () => events.filter((e) => e.event === 'logins.changed').map((e) => e.payload as readonly LoginView[]);
  /** Waits (bounded) until `check` holds. */
  async function until(check: () => boolean, what: string): Promise<void> {
    for (let tries = 0; tries < 200 && !check(); tries += 1) await new Promise((resolve) => setImmediate(resolve));
    if (!check()) throw new Error(`never: ${what}`);
  }
  return { controller, events, log, opened, call, steps, lists, until, servers, logins: upstreamLogins! };
}

describe('the controller over the sign-ins to remote servers', () => {
  it('lists the toolkit\'s own sign-in, then each remote server that needs one, with why', async () => {
    const { call } = await start();
    expect(await call('logins.list')).toEqual({
      ok: true,
      value: [
        { id: 'toolkit', kind: 'toolkit', state: 'signed-out', scopes: [] },
        { id: 'server:notion', kind: 'server', server: 'notion', state: 'needs-sign-in', reason: 'notion asked for a sign-in', scopes: [] },
      ],
    });
  });

  it('signs in with the host\'s opener, shows each step and the link, then lists the account', async () => {
    const { call, logins, opened, steps, lists, until, events } = await start();
    const started = await call('logins.signIn', { server: 'notion' });
    expect(started).toMatchObject({ ok: true, value: { server: 'notion', step: 'discovering' } });
    await logins.waitingForBrowser('notion');
    expect(opened).toEqual([`${FAKE_ISSUER}/authorize?client_id=fake&server=notion`]);
    expect(await call('logins.cancel', { server: 'docs' })).toEqual({ ok: true, value: { server: 'docs', step: 'idle' } });
    logins.finishInBrowser('notion');
    await until(() => steps('notion').at(-1) === 'done', 'the sign-in is done');
    expect(steps('notion')).toEqual(['discovering', 'registering', 'waiting-for-browser', 'exchanging', 'done']);
    // Each report carries its place, so a UI that gets them out of order keeps the newest.
    const places = events.filter((e) => e.event === 'logins.progress').map((e) => (e.payload as ServerSignInProgress).seq ?? 0);
    expect(places).toEqual([...places].sort((a, b) => a - b));
    expect(places[0]).toBeGreaterThan(0);
    // The sign-in machinery got the http spec of the server, and no extra scope.
    expect(logins.calls).toEqual([['signIn', { kind: 'http', name: 'notion', url: 'http://127.0.0.1:9/notion/mcp', headers: {} }, undefined]]);
    await until(() => lists().some((list) => list[1]?.subject === 'alice'), 'logins.changed names the account');
    expect(lists().at(-1)?.[1]).toEqual({
      id: 'server:notion',
      kind: 'server',
      server: 'notion',
      // The gateway still says needs-sign-in until it restarts the upstream (H1b), so the row says so too.
      state: 'needs-sign-in',
      issuer: FAKE_ISSUER,
      subject: 'alice',
      scopes: ['mcp:tools'],
      expiresAt: Date.UTC(2030, 0, 1),
      reason: 'notion asked for a sign-in',
    });
  });

  it('shows the link while waiting for the browser, runs one sign-in per server, and cancels it', async () => {
    const { call, logins, steps, events, until } = await start();
    await call('logins.signIn', { server: 'notion' });
    await logins.waitingForBrowser('notion');
    const waiting = events.map((e) => e.payload as ServerSignInProgress).find((p) => p.step === 'waiting-for-browser');
    expect(waiting).toMatchObject({ server: 'notion', url: `${FAKE_ISSUER}/authorize?client_id=fake&server=notion`, message: 'Finish signing in in your browser.' });
    expect(await call('logins.signIn', { server: 'notion' })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_IN_PROGRESS' } });
    await call('logins.cancel', { server: 'notion' });
    await until(() => steps('notion').at(-1) === 'cancelled', 'the sign-in is cancelled');
    expect(logins.held.size).toBe(0);
    // Once it has ended, another may start.
    expect(await call('logins.signIn', { server: 'notion' })).toMatchObject({ ok: true, value: { step: 'discovering' } });
  });

  it('ends a refused sign-in with the failure\'s code and message', async () => {
    const { call, logins, events, until, log } = await start();
    await call('logins.signIn', { server: 'notion' });
    await logins.waitingForBrowser('notion');
    logins.failInBrowser('notion', 'ISSUER_MISMATCH', 'the callback named another issuer');
    await until(() => events.some((e) => (e.payload as ServerSignInProgress).step === 'failed'), 'the sign-in failed');
    expect(events.at(-1)?.payload).toEqual({
      server: 'notion',
      step: 'failed',
      message: 'the callback named another issuer',
      error: { code: 'ISSUER_MISMATCH', message: 'the callback named another issuer' },
      seq: expect.any(Number),
    });
    expect(log).toContain('[logins] sign-in to notion ended: the callback named another issuer');
  });

  it('signs out and answers with the list as it is after', async () => {
    const { call, logins } = await start();
    logins.changeElsewhere('notion', { state: 'signed-in', issuer: FAKE_ISSUER, subject: 'alice', scopes: [] });
    const after = await call('logins.signOut', { server: 'notion' });
    expect(logins.calls).toEqual([['signOut', 'notion']]);
    expect(after).toMatchObject({ ok: true, value: [{ id: 'toolkit' }, { id: 'server:notion', state: 'needs-sign-in' }] });
  });

  it('removing a remote server signs out of it first; removing a local one does not', async () => {
    const { call, logins } = await start({ realServers: true });
    logins.changeElsewhere('notion', { state: 'signed-in', issuer: FAKE_ISSUER, subject: 'alice', scopes: [] });
    expect(await call('servers.remove', { name: 'notion', confirm: true })).toMatchObject({ ok: true });
    expect(await call('servers.remove', { name: 'fs', confirm: true })).toMatchObject({ ok: true });
    expect(logins.calls).toEqual([['signOut', 'notion']]);
    expect(await logins.view('notion')).toBeUndefined();
  });

  it('cancels a sign-in in progress when its server is removed, so no token is stored after the removal', async () => {
    const { call, logins, steps, until } = await start({ realServers: true });
    await call('logins.signIn', { server: 'notion' });
    await logins.waitingForBrowser('notion');
    expect(await call('servers.remove', { name: 'notion', confirm: true })).toMatchObject({ ok: true });
    await until(() => steps('notion').at(-1) === 'cancelled', 'the sign-in is cancelled');
    expect(await logins.view('notion')).toBeUndefined();
  });

  it('refuses a local server, an unknown one and a bad name', async () => {
    const { call, logins } = await start();
    expect(await call('logins.signIn', { server: 'fs' })).toMatchObject({ ok: false, error: { code: 'NOT_A_REMOTE_SERVER', message: 'fs is a local server: it has no sign-in.' } });
    expect(await call('logins.signOut', { server: 'ghost' })).toMatchObject({ ok: false, error: { code: 'NOT_A_REMOTE_SERVER' } });
    expect(await call('logins.signIn', { server: '../notion' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(logins.calls).toEqual([]);
  });

  it('follows a sign-in made elsewhere, sending a changed list once', async () => {
    const { logins, lists, until } = await start();
    const before = lists().length;
    logins.changeElsewhere('docs', { state: 'signed-in', issuer: FAKE_ISSUER, subject: 'bob', scopes: ['read'] });
    await until(() => lists().length > before, 'logins.changed');
    expect(lists().at(-1)?.map((row) => row.id)).toEqual(['toolkit', 'server:notion', 'server:docs']);
    expect(lists().at(-1)?.[2]).toEqual({ id: 'server:docs', kind: 'server', server: 'docs', state: 'signed-in', issuer: FAKE_ISSUER, subject: 'bob', scopes: ['read'] });
    logins.changeElsewhere('docs', { state: 'signed-in', issuer: FAKE_ISSUER, subject: 'bob', scopes: ['read'] });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lists()).toHaveLength(before + 1);
  });

  it('cancels a running sign-in on shutdown and stops listening', async () => {
    const { call, logins, controller } = await start();
    await call('logins.signIn', { server: 'notion' });
    await logins.waitingForBrowser('notion');
    await controller.shutdown();
    expect(await controller.handlers['logins.cancel']({ server: 'notion' })).toMatchObject({ step: 'cancelled' });
    expect(logins.listenerCount()).toBe(0);
  });

  it('without the sign-in machinery: the toolkit row only, and a clear refusal', async () => {
    const { call } = await start({ withLogins: false });
    expect(await call('logins.list')).toEqual({ ok: true, value: [{ id: 'toolkit', kind: 'toolkit', state: 'signed-out', scopes: [] }] });
    expect(await call('logins.signIn', { server: 'notion' })).toMatchObject({ ok: false, error: { code: 'LOGINS_UNAVAILABLE' } });
  });
});
