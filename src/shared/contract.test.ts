import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CALL_NAMES,
  EVENT_NAMES,
  callChannel,
  eventChannel,
  isCallName,
  type BackendApi,
  type CallArgs,
  type CallHandlers,
  type CallName,
  type CallRequest,
  type CallResponse,
  type EventName,
  type EventPayload,
  type Unsubscribe,
} from './contract.js';
import { parseCallRequest } from './contract-requests.js';
import type { AgentClientsUpdate, AgentClientView } from './agent-clients-types.js';
import type { DoctorCheck } from './doctor-types.js';
import type { UpstreamView } from './gateway-types.js';
import type { LoginView, ServerSignInProgress } from './logins-types.js';
import type { Result } from './result.js';
import type { ImportPlan, ImportResult, ServerAddRequest } from './servers-types.js';
import type { SharedFolderView } from './shared-folders-types.js';
import type {
  ActivityView,
  AgentSnippet,
  ApiKeyStatus,
  ServerStatus,
  SessionInfo,
  Settings,
  SettingsPatch,
  SignInProgress,
} from './view-types.js';

describe('the UI/backend contract', () => {
  it('pins the request and response type of every call', () => {
    expectTypeOf<CallRequest<'server.start'>>().toEqualTypeOf<void>();
    expectTypeOf<CallResponse<'server.start'>>().toEqualTypeOf<ServerStatus>();
    expectTypeOf<CallResponse<'server.stop'>>().toEqualTypeOf<ServerStatus>();
    expectTypeOf<CallRequest<'settings.update'>>().toEqualTypeOf<SettingsPatch>();
    expectTypeOf<CallResponse<'settings.update'>>().toEqualTypeOf<Settings>();
    expectTypeOf<CallResponse<'apiKey.reveal'>>().toEqualTypeOf<{ readonly apiKey: string }>();
    expectTypeOf<CallResponse<'apiKey.copy'>>().toEqualTypeOf<{ readonly copied: true }>();
    expectTypeOf<CallRequest<'apiKey.regenerate'>>().toEqualTypeOf<{ readonly confirm: true }>();
    expectTypeOf<CallResponse<'apiKey.regenerate'>>().toEqualTypeOf<ApiKeyStatus>();
    expectTypeOf<CallResponse<'activity.getSnapshot'>>().toEqualTypeOf<ActivityView>();
    expectTypeOf<CallResponse<'agents.getSnippets'>>().toEqualTypeOf<readonly AgentSnippet[]>();
    expectTypeOf<CallResponse<'signIn.start'>>().toEqualTypeOf<SignInProgress>();
    expectTypeOf<CallResponse<'session.get'>>().toEqualTypeOf<SessionInfo | null>();
    expectTypeOf<CallRequest<'startAtLogin.set'>>().toEqualTypeOf<{ readonly enabled: boolean }>();
  });

  it('pins the servers calls: every change answers with the whole list', () => {
    expectTypeOf<CallRequest<'servers.list'>>().toEqualTypeOf<void>();
    expectTypeOf<CallResponse<'servers.list'>>().toEqualTypeOf<readonly UpstreamView[]>();
    expectTypeOf<CallRequest<'servers.add'>>().toEqualTypeOf<ServerAddRequest>();
    expectTypeOf<CallRequest<'servers.remove'>>().toEqualTypeOf<{ readonly name: string } & { readonly confirm: true }>();
    expectTypeOf<CallRequest<'servers.setToolEnabled'>>().toMatchTypeOf<{ name: string; tool: string; enabled: boolean }>();
    expectTypeOf<CallRequest<'servers.setSecret'>>().toMatchTypeOf<{ name: string; key: string; value: string }>();
    expectTypeOf<CallRequest<'servers.logs'>>().toMatchTypeOf<{ name: string; lines?: number }>();
    expectTypeOf<CallResponse<'servers.logs'>>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<CallRequest<'servers.importPreview'>['from']>().toEqualTypeOf<'claude-desktop' | 'claude-code' | 'cursor' | 'vscode' | 'windsurf'>();
    expectTypeOf<CallResponse<'servers.importPreview'>>().toEqualTypeOf<ImportPlan>();
    expectTypeOf<CallResponse<'servers.import'>>().toEqualTypeOf<ImportResult>();
    type Change = 'servers.add' | 'servers.remove' | 'servers.setEnabled' | 'servers.setToolEnabled' | 'servers.restart' | 'servers.approve' | 'servers.setSecret' | 'servers.removeSecret';
    expectTypeOf<CallResponse<Change>>().toEqualTypeOf<readonly UpstreamView[]>();
    // The add request carries secret values, never secret names in settings' form.
    expectTypeOf<ServerAddRequest['secrets']>().toEqualTypeOf<readonly { readonly key: string; readonly value: string }[] | undefined>();
  });

  it('pins the agent clients calls: no request can ask for the key in a file', () => {
    expectTypeOf<CallRequest<'agents.listClients'>>().toEqualTypeOf<void>();
    expectTypeOf<CallResponse<'agents.listClients'>>().toEqualTypeOf<readonly AgentClientView[]>();
    expectTypeOf<CallRequest<'agents.connect'>>().toEqualTypeOf<{ readonly client: string; readonly http?: boolean }>();
    expectTypeOf<CallRequest<'agents.disconnect'>>().toEqualTypeOf<{ readonly client: string }>();
    expectTypeOf<CallResponse<'agents.connect' | 'agents.disconnect'>>().toEqualTypeOf<AgentClientsUpdate>();
  });

  it('pins doctor.run: no request, the same array as doctor --json', () => {
    expectTypeOf<CallRequest<'doctor.run'>>().toEqualTypeOf<void>();
    expectTypeOf<CallResponse<'doctor.run'>>().toEqualTypeOf<readonly DoctorCheck[]>();
    expectTypeOf<DoctorCheck['severity']>().toEqualTypeOf<'ok' | 'warn' | 'error'>();
  });

  it('pins the logins calls: a server by name in, no token out', () => {
    expectTypeOf<CallRequest<'logins.list'>>().toEqualTypeOf<void>();
    expectTypeOf<CallResponse<'logins.list'>>().toEqualTypeOf<readonly LoginView[]>();
    expectTypeOf<CallRequest<'logins.signIn'>>().toEqualTypeOf<{ readonly server: string }>();
    expectTypeOf<CallResponse<'logins.signIn'>>().toEqualTypeOf<ServerSignInProgress>();
    expectTypeOf<CallResponse<'logins.cancel'>>().toEqualTypeOf<ServerSignInProgress>();
    expectTypeOf<CallResponse<'logins.signOut'>>().toEqualTypeOf<readonly LoginView[]>();
    expectTypeOf<EventPayload<'logins.changed'>>().toEqualTypeOf<readonly LoginView[]>();
    expectTypeOf<EventPayload<'logins.progress'>>().toEqualTypeOf<ServerSignInProgress>();
  });

  it('pins the payload of every push event', () => {
    expectTypeOf<EventPayload<'server.status'>>().toEqualTypeOf<ServerStatus>();
    expectTypeOf<EventPayload<'activity.batch'>>().toEqualTypeOf<ActivityView>();
    expectTypeOf<EventPayload<'signIn.progress'>>().toEqualTypeOf<SignInProgress>();
    expectTypeOf<EventPayload<'session.changed'>>().toEqualTypeOf<SessionInfo | null>();
    expectTypeOf<EventPayload<'servers.changed'>>().toEqualTypeOf<readonly UpstreamView[]>();
  });

  it('derives the API the UI calls: no argument for void requests, a Result for every answer', () => {
    expectTypeOf<CallArgs<'server.start'>>().toEqualTypeOf<[]>();
    expectTypeOf<CallArgs<'startAtLogin.set'>>().toEqualTypeOf<[request: { readonly enabled: boolean }]>();
    type CallFn = BackendApi['call'];
    expectTypeOf<ReturnType<CallFn>>().toEqualTypeOf<Promise<Result<CallResponse<CallName>>>>();
    expectTypeOf<ReturnType<BackendApi['on']>>().toEqualTypeOf<Unsubscribe>();
    expectTypeOf<CallHandlers['server.start']>().toEqualTypeOf<(request: void) => Promise<ServerStatus>>();
  });

  it('lists every call and event name exactly once at run time', () => {
    expectTypeOf(CALL_NAMES).toEqualTypeOf<CallName[]>();
    expectTypeOf(EVENT_NAMES).toEqualTypeOf<EventName[]>();
    expect(new Set(CALL_NAMES).size).toBe(CALL_NAMES.length);
    expect(CALL_NAMES).toHaveLength(44);
    expect(EVENT_NAMES).toHaveLength(10);
    expect(isCallName('server.start')).toBe(true);
    expect(isCallName('toString')).toBe(false);
    expect(isCallName(42)).toBe(false);
  });

  it('derives distinct IPC channels from the names', () => {
    expect(callChannel('server.start')).toBe('mcp-toolkit:call:server.start');
    expect(eventChannel('server.status')).toBe('mcp-toolkit:event:server.status');
    const channels = new Set([...CALL_NAMES.map(callChannel), ...EVENT_NAMES.map(eventChannel)]);
    expect(channels.size).toBe(CALL_NAMES.length + EVENT_NAMES.length);
  });
});

describe('parseCallRequest: untrusted arguments', () => {
  it('takes a logins call\'s server by its upstream name only, dropping anything else', () => {
    expect(parseCallRequest('logins.signIn', { server: 'notion', scope: 'admin' })).toEqual({ ok: true, value: { server: 'notion' } });
    expect(parseCallRequest('logins.signOut', { server: 'notion' })).toEqual({ ok: true, value: { server: 'notion' } });
    for (const bad of [undefined, {}, { server: 'Not A Name' }, { server: 'x'.repeat(33) }, { server: 42 }, 'notion']) {
      expect(parseCallRequest('logins.cancel', bad)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(parseCallRequest('logins.list', undefined)).toEqual({ ok: true, value: undefined });
  });

  it('accepts nothing (or an empty object) for calls without a request', () => {
    expect(parseCallRequest('server.start', undefined)).toEqual({ ok: true, value: undefined });
    expect(parseCallRequest('server.start', {})).toEqual({ ok: true, value: undefined });
    expect(parseCallRequest('server.start', { port: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('requires an explicit confirmation to regenerate the key', () => {
    expect(parseCallRequest('apiKey.regenerate', { confirm: true }).ok).toBe(true);
    expect(parseCallRequest('apiKey.regenerate', { confirm: 'yes' }).ok).toBe(false);
    expect(parseCallRequest('apiKey.regenerate', undefined).ok).toBe(false);
  });

  it('checks the shape of the other requests and drops unknown properties', () => {
    expect(parseCallRequest('startAtLogin.set', { enabled: true, extra: 1 })).toEqual({
      ok: true,
      value: { enabled: true },
    });
    expect(parseCallRequest('startAtLogin.set', { enabled: 'true' }).ok).toBe(false);
    expect(parseCallRequest('clipboard.writeText', { text: 'x'.repeat(70_000) }).ok).toBe(false);
    expect(parseCallRequest('settings.update', [1, 2]).ok).toBe(false);
    expect(parseCallRequest('settings.update', { port: 8001 }).ok).toBe(true);
  });
});

describe('parseCallRequest: the servers calls', () => {
  const stdio = { name: 'github', kind: 'stdio', command: 'npx', args: ['-y', 'server-github'], env: { LOG: '1' } };

  it('takes an add request, fills the defaults and drops unknown properties', () => {
    expect(parseCallRequest('servers.add', { ...stdio, secrets: [{ key: 'GITHUB_TOKEN', value: 's3cret' }], extra: 1 })).toEqual({
      ok: true,
      value: { ...stdio, enabled: true, disabledTools: [], secrets: [{ key: 'GITHUB_TOKEN', value: 's3cret' }] },
    });
    expect(parseCallRequest('servers.add', { name: 'web', kind: 'http', url: 'https://x.example/mcp', headers: { Authorization: 'Bearer ${secret:T}' } })).toEqual({
      ok: true,
      value: { name: 'web', kind: 'http', url: 'https://x.example/mcp', headers: { Authorization: 'Bearer ${secret:T}' }, enabled: true, disabledTools: [], secrets: [] },
    });
  });

  it('refuses add requests of the wrong shape', () => {
    const refused = (value: unknown) => parseCallRequest('servers.add', value);
    expect(refused({ ...stdio, kind: 'ssh' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(refused({ ...stdio, args: 'a b' }).ok).toBe(false);
    expect(refused({ ...stdio, env: { A: 1 } }).ok).toBe(false);
    expect(refused({ ...stdio, secrets: [{ key: 'bad key', value: 'x' }] }).ok).toBe(false);
    expect(refused({ ...stdio, secrets: [{ key: 'K', value: 'x'.repeat(20_000) }] }).ok).toBe(false);
    expect(refused({ ...stdio, secrets: 'K=v' }).ok).toBe(false);
    expect(refused({ ...stdio, enabled: 'yes' }).ok).toBe(false);
    expect(refused({ name: 'web', kind: 'http' }).ok).toBe(false);
  });

  it('needs a valid server name, and a confirmation to remove', () => {
    expect(parseCallRequest('servers.restart', { name: 'github' })).toEqual({ ok: true, value: { name: 'github' } });
    expect(parseCallRequest('servers.restart', { name: 'GitHub' }).ok).toBe(false);
    expect(parseCallRequest('servers.restart', undefined).ok).toBe(false);
    expect(parseCallRequest('servers.remove', { name: 'github' }).ok).toBe(false);
    expect(parseCallRequest('servers.remove', { name: 'github', confirm: true }).ok).toBe(true);
  });

  it('checks switches, secrets, log lines and import sources', () => {
    expect(parseCallRequest('servers.setEnabled', { name: 'a', enabled: false })).toEqual({ ok: true, value: { name: 'a', enabled: false } });
    expect(parseCallRequest('servers.setToolEnabled', { name: 'a', tool: 'search', enabled: 'no' }).ok).toBe(false);
    expect(parseCallRequest('servers.setSecret', { name: 'a', key: 'TOKEN', value: 'v' })).toEqual({ ok: true, value: { name: 'a', key: 'TOKEN', value: 'v' } });
    expect(parseCallRequest('servers.setSecret', { name: 'a', key: 'TOKEN' }).ok).toBe(false);
    expect(parseCallRequest('servers.removeSecret', { name: 'a', key: '1X' }).ok).toBe(false);
    expect(parseCallRequest('servers.logs', { name: 'a' })).toEqual({ ok: true, value: { name: 'a' } });
    expect(parseCallRequest('servers.logs', { name: 'a', lines: 50 })).toEqual({ ok: true, value: { name: 'a', lines: 50 } });
    expect(parseCallRequest('servers.logs', { name: 'a', lines: 0 }).ok).toBe(false);
    expect(parseCallRequest('servers.logs', { name: 'a', lines: 5000 }).ok).toBe(false);
    expect(parseCallRequest('servers.importPreview', { from: 'cursor' })).toEqual({ ok: true, value: { from: 'cursor' } });
    expect(parseCallRequest('servers.import', { from: '/etc/passwd' }).ok).toBe(false);
    expect(parseCallRequest('servers.list', undefined).ok).toBe(true);
  });
});

describe('parseCallRequest: the agent clients calls', () => {
  it('takes a client id and an optional http switch, and drops anything else (no allowKeyInFile)', () => {
    expect(parseCallRequest('agents.connect', { client: 'cursor' })).toEqual({ ok: true, value: { client: 'cursor' } });
    expect(parseCallRequest('agents.connect', { client: 'claude-code', http: true, allowKeyInFile: true })).toEqual({
      ok: true,
      value: { client: 'claude-code', http: true },
    });
    expect(parseCallRequest('agents.disconnect', { client: 'vscode', http: true })).toEqual({ ok: true, value: { client: 'vscode' } });
    expect(parseCallRequest('agents.listClients', undefined).ok).toBe(true);
  });

  it('refuses a missing or malformed client and a non-boolean http', () => {
    for (const value of [undefined, {}, { client: '' }, { client: '../etc' }, { client: 'Cursor' }, { client: 'x'.repeat(33) }, { client: 1 }]) {
      expect(parseCallRequest('agents.connect', value)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(parseCallRequest('agents.disconnect', value).ok).toBe(false);
    }
    expect(parseCallRequest('agents.connect', { client: 'cursor', http: 'yes' }).ok).toBe(false);
  });
});

describe('the shared folders calls', () => {
  it('answer every change with the whole list, each folder with its state; the picker with a path or null', () => {
    expectTypeOf<CallResponse<'sharedFolders.list' | 'sharedFolders.add' | 'sharedFolders.remove'>>().toEqualTypeOf<readonly SharedFolderView[]>();
    expectTypeOf<CallRequest<'sharedFolders.add'>>().toEqualTypeOf<{ readonly path: string }>();
    expectTypeOf<CallResponse<'dialog.pickFolder'>>().toEqualTypeOf<{ readonly path: string | null }>();
  });

  it('take a non-empty path of bounded length, and drop anything else', () => {
    expect(parseCallRequest('sharedFolders.add', { path: '/home/me/projects', extra: 1 })).toEqual({ ok: true, value: { path: '/home/me/projects' } });
    expect(parseCallRequest('sharedFolders.remove', { path: '~/x' })).toEqual({ ok: true, value: { path: '~/x' } });
    for (const value of [undefined, {}, { path: '' }, { path: '   ' }, { path: 1 }, { path: 'x'.repeat(4097) }]) {
      expect(parseCallRequest('sharedFolders.add', value)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(parseCallRequest('dialog.pickFolder', undefined).ok).toBe(true);
  });
});
