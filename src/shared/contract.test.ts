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
import type { Result } from './result.js';
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

  it('pins the payload of every push event', () => {
    expectTypeOf<EventPayload<'server.status'>>().toEqualTypeOf<ServerStatus>();
    expectTypeOf<EventPayload<'activity.batch'>>().toEqualTypeOf<ActivityView>();
    expectTypeOf<EventPayload<'signIn.progress'>>().toEqualTypeOf<SignInProgress>();
    expectTypeOf<EventPayload<'session.changed'>>().toEqualTypeOf<SessionInfo | null>();
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
    expect(CALL_NAMES).toHaveLength(20);
    expect(EVENT_NAMES).toHaveLength(7);
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
