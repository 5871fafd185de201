import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../../shared/result.js';
import { exchangeDashboardToken, tokenFromHash } from './dashboard-session.js';
import { callUrl, createHttpBackend, parseEventData, resultFromResponse, type ConnectionState, type EventSourceLike } from './http-backend.js';

interface SentRequest {
  readonly url: string;
  readonly init: RequestInit | undefined;
}

/** A fetch that answers from a table of call names and records what was sent. */
function scriptedFetch(answers: Record<string, { status?: number; body: unknown }>) {
  const sent: SentRequest[] = [];
  const doFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    sent.push({ url, init });
    const answer = answers[decodeURIComponent(url.split('/').at(-1) ?? '')];
    if (!answer) throw new TypeError('Failed to fetch');
    return new Response(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body), { status: answer.status ?? 200 });
  }) as typeof fetch;
  return { doFetch, sent };
}

/** An EventSource the test drives: open, deliver messages, fail. */
class FakeEventSource implements EventSourceLike {
  static created: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  private readonly listeners = new Map<string, ((event: { data?: unknown }) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.created.push(this);
  }

  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  emit(type: string, data?: unknown): void {
    if (type === 'open') this.readyState = 1;
    for (const listener of this.listeners.get(type) ?? []) listener({ data });
  }

  giveUp(): void {
    this.readyState = 2;
    this.emit('error');
  }
}

afterEach(() => {
  FakeEventSource.created = [];
  vi.useRealTimers();
});

describe('pure helpers', () => {
  it('builds call URLs under the dashboard', () => {
    expect(callUrl('', 'server.start')).toBe('/api/call/server.start');
    expect(callUrl('http://127.0.0.1:8001', 'apiKey.reveal')).toBe('http://127.0.0.1:8001/api/call/apiKey.reveal');
  });

  it('reads any answer as a Result, keeping codes and field messages', () => {
    expect(resultFromResponse(200, '{"ok":true,"value":{"state":"running"}}')).toEqual(ok({ state: 'running' }));
    expect(resultFromResponse(200, '{"ok":true,"value":null}')).toEqual(ok(null));
    expect(resultFromResponse(200, JSON.stringify(fail('SETTINGS_INVALID', 'bad', { port: 'too big' })))).toEqual(fail('SETTINGS_INVALID', 'bad', { port: 'too big' }));
    expect(resultFromResponse(401, JSON.stringify(fail('DASHBOARD_UNAUTHORIZED', 'open the link')))).toMatchObject({ ok: false, error: { code: 'DASHBOARD_UNAUTHORIZED' } });
    expect(resultFromResponse(502, '<html>Bad gateway</html>')).toMatchObject({ ok: false, error: { code: 'HTTP_502' } });
    expect(resultFromResponse(200, '{"state":"running"}')).toMatchObject({ ok: false, error: { code: 'HTTP_200' } });
    expect(resultFromResponse(200, '{"ok":false,"error":{"code":1}}')).toMatchObject({ ok: false, error: { code: 'HTTP_200' } });
  });

  it('parses event data as JSON and ignores anything else', () => {
    expect(parseEventData('{"a":1}')).toEqual({ payload: { a: 1 } });
    expect(parseEventData('null')).toEqual({ payload: null });
    expect(parseEventData('not json')).toBeUndefined();
    expect(parseEventData(undefined)).toBeUndefined();
  });

  it('finds the token in the link fragment only', () => {
    expect(tokenFromHash('#token=abc_DEF-123')).toBe('abc_DEF-123');
    expect(tokenFromHash('token=abc')).toBe('abc');
    expect(tokenFromHash('#server')).toBeUndefined();
    expect(tokenFromHash('#token=')).toBeUndefined();
    expect(tokenFromHash('')).toBeUndefined();
  });
});

describe('calls', () => {
  it('posts the request as JSON to the call URL and returns the Result', async () => {
    const { doFetch, sent } = scriptedFetch({ 'settings.update': { body: ok({ port: 9000 }) }, 'server.getStatus': { body: ok({ state: 'stopped', auth: 'none' }) } });
    const api = createHttpBackend({ fetch: doFetch, createEventSource: (url) => new FakeEventSource(url) });

    expect(await api.call('settings.update', { port: 9000 })).toEqual(ok({ port: 9000 }));
    expect(sent[0]).toMatchObject({ url: '/api/call/settings.update', init: { method: 'POST', body: '{"port":9000}', credentials: 'same-origin', cache: 'no-store' } });
    expect(new Headers(sent[0]!.init!.headers).get('content-type')).toBe('application/json');

    expect(await api.call('server.getStatus')).toEqual(ok({ state: 'stopped', auth: 'none' }));
    expect(sent[1]!.init!.body).toBe('null');
  });

  it('turns a network failure and an unknown name into errors, never a throw', async () => {
    const { doFetch } = scriptedFetch({});
    const api = createHttpBackend({ fetch: doFetch, createEventSource: (url) => new FakeEventSource(url) });
    expect(await api.call('server.start')).toMatchObject({ ok: false, error: { code: 'DASHBOARD_UNREACHABLE' } });
    expect(await (api.call as (name: string) => Promise<unknown>)('server.exec')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });

  it('copies snippets with the browser clipboard, without asking the server', async () => {
    const { doFetch, sent } = scriptedFetch({});
    const copied: string[] = [];
    const api = createHttpBackend({ fetch: doFetch, clipboard: { writeText: async (text) => void copied.push(text) } });
    expect(await api.call('clipboard.writeText', { text: '{"mcpServers":{}}' })).toEqual(ok({ copied: true }));
    expect(copied).toEqual(['{"mcpServers":{}}']);
    expect(sent).toEqual([]);
  });

  it('copies the API key by revealing it, then writing it to the browser clipboard', async () => {
    const { doFetch, sent } = scriptedFetch({ 'apiKey.reveal': { body: ok({ apiKey: 'mcp_secret_key' }) } });
    const copied: string[] = [];
    const api = createHttpBackend({ fetch: doFetch, clipboard: { writeText: async (text) => void copied.push(text) } });
    expect(await api.call('apiKey.copy')).toEqual(ok({ copied: true }));
    expect(sent.map((request) => request.url)).toEqual(['/api/call/apiKey.reveal']);
    expect(copied).toEqual(['mcp_secret_key']);
  });

  it('reports a refused reveal or a refused clipboard as the error it is', async () => {
    const refusing = scriptedFetch({ 'apiKey.reveal': { body: fail('KEYCHAIN_UNAVAILABLE', 'no keychain') } });
    const copied: string[] = [];
    const clipboard = { writeText: async (text: string) => void copied.push(text) };
    expect(await createHttpBackend({ fetch: refusing.doFetch, clipboard }).call('apiKey.copy')).toEqual(fail('KEYCHAIN_UNAVAILABLE', 'no keychain'));
    expect(copied).toEqual([]);

    const revealing = scriptedFetch({ 'apiKey.reveal': { body: ok({ apiKey: 'k' }) } });
    const denied = { writeText: async () => Promise.reject(new Error('Document is not focused.')) };
    expect(await createHttpBackend({ fetch: revealing.doFetch, clipboard: denied }).call('apiKey.copy')).toMatchObject({
      ok: false,
      error: { code: 'CLIPBOARD_FAILED', message: expect.stringContaining('Document is not focused.') },
    });
  });
});

describe('events', () => {
  it('shares one stream among listeners, delivers parsed payloads by name, and closes with the last listener', () => {
    const { doFetch } = scriptedFetch({});
    const api = createHttpBackend({ fetch: doFetch, createEventSource: (url) => new FakeEventSource(url) });
    const statuses: unknown[] = [];
    const batches: unknown[] = [];
    const offStatus = api.on('server.status', (status) => statuses.push(status));
    const offActivity = api.on('activity.batch', (view) => batches.push(view));
    expect(FakeEventSource.created).toHaveLength(1);
    const source = FakeEventSource.created[0]!;
    expect(source.url).toBe('/api/events');

    source.emit('server.status', '{"state":"running","auth":"none"}');
    source.emit('activity.batch', '{"requests":3}');
    source.emit('server.status', 'garbage');
    expect(statuses).toEqual([{ state: 'running', auth: 'none' }]);
    expect(batches).toEqual([{ requests: 3 }]);

    offStatus();
    expect(source.closed).toBe(false);
    offActivity();
    expect(source.closed).toBe(true);
    expect(() => (api.on as (event: string, listener: () => void) => void)('server.bogus', () => {})).toThrow(TypeError);
  });

  it('reports the connection and opens a new stream after the browser gives up on one', () => {
    vi.useFakeTimers();
    const states: ConnectionState[] = [];
    const api = createHttpBackend({ createEventSource: (url) => new FakeEventSource(url), onConnection: (state) => states.push(state), retryMs: 1_000 });
    const received: unknown[] = [];
    const off = api.on('settings.changed', (settings) => received.push(settings));
    const first = FakeEventSource.created[0]!;
    first.emit('open');
    first.emit('error'); // still CONNECTING: the browser retries by itself
    first.giveUp(); // CLOSED: e.g. answered 401 after a server restart
    expect(states).toEqual(['connecting', 'open', 'connecting', 'retrying']);
    expect(FakeEventSource.created).toHaveLength(1);

    vi.advanceTimersByTime(1_000);
    expect(FakeEventSource.created).toHaveLength(2);
    const second = FakeEventSource.created[1]!;
    second.emit('settings.changed', '{"port":1}');
    expect(received).toEqual([{ port: 1 }]);

    off();
    expect(second.closed).toBe(true);
    second.giveUp();
    vi.advanceTimersByTime(5_000);
    expect(FakeEventSource.created).toHaveLength(2);
  });
});

describe('token exchange', () => {
  it('posts the token once to the session endpoint', async () => {
    const sent: SentRequest[] = [];
    const doFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ url: String(input), init });
      return new Response(JSON.stringify(ok(null)), { status: 200 });
    }) as typeof fetch;
    expect(await exchangeDashboardToken('tok', doFetch)).toEqual(ok(null));
    expect(sent).toEqual([{ url: '/api/session', init: expect.objectContaining({ method: 'POST', body: '{"token":"tok"}', credentials: 'same-origin' }) }]);
  });

  it('gives the server refusal back as it is', async () => {
    const doFetch = (async () => new Response(JSON.stringify(fail('DASHBOARD_TOKEN_INVALID', 'not valid')), { status: 401 })) as typeof fetch;
    expect(await exchangeDashboardToken('old', doFetch)).toEqual(fail('DASHBOARD_TOKEN_INVALID', 'not valid'));
  });
});
