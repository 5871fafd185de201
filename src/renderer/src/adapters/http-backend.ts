/**
 * The `BackendApi` of the browser dashboard over the routes of
 * `shared/dashboard-routes`: each call is a POST with the request as JSON and
 * a JSON `Result` back; push events arrive on one shared server-sent event
 * stream. Authentication is the session cookie set by `exchangeDashboardToken`,
 * sent by the browser itself.
 *
 * Copying happens in the browser, where the user is: `clipboard.writeText`
 * writes locally, and `apiKey.copy` reveals the key and writes it locally (the
 * server may be a headless machine without a clipboard).
 */
import {
  EVENT_NAMES,
  isCallName,
  isEventName,
  type BackendApi,
  type CallName,
  type CallResponse,
  type EventName,
  type EventPayload,
} from '../../../shared/contract.js';
import { callPath, DASHBOARD_ROUTES } from '../../../shared/dashboard-routes.js';
import { fail, ok, type AppError, type Result } from '../../../shared/result.js';

/** What the adapter needs of `EventSource` (HTML Living Standard, "Server-sent events"). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: { readonly data?: unknown }) => void): void;
  close(): void;
}

/** `EventSource.CLOSED`: the browser gave up (e.g. the stream was answered 401); we retry ourselves. */
const EVENT_SOURCE_CLOSED = 2;

export type ConnectionState = 'connecting' | 'open' | 'retrying';

export interface HttpBackendOptions {
  /** Origin and path prefix of the dashboard; '' for the page's own origin. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  readonly createEventSource?: (url: string) => EventSourceLike;
  readonly clipboard?: { writeText(text: string): Promise<void> };
  /** Told when the event stream connects, opens or waits to retry. */
  readonly onConnection?: (state: ConnectionState) => void;
  /** Wait before opening a new stream after the browser gave up on one. */
  readonly retryMs?: number;
}

/** The URL of one call. */
export function callUrl(baseUrl: string, name: CallName): string {
  return `${baseUrl}${callPath(name)}`;
}

/** Reads an answer as a `Result`: the server always sends one; anything else becomes an error with the HTTP status. */
export function resultFromResponse<T>(status: number, body: string): Result<T> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return fail(`HTTP_${status}`, `The dashboard answered ${status} without a result.`);
  }
  if (isResult(value)) return value as Result<T>;
  return fail(`HTTP_${status}`, `The dashboard answered ${status} with an unexpected body.`);
}

/** The payload of an SSE message (one JSON line), or undefined when it is not JSON. */
export function parseEventData(data: unknown): { readonly payload: unknown } | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    return { payload: JSON.parse(data) as unknown };
  } catch {
    return undefined;
  }
}

export function createHttpBackend(options: HttpBackendOptions = {}): BackendApi {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const createEventSource = options.createEventSource ?? ((url: string) => new EventSource(url));
  const clipboard = options.clipboard ?? { writeText: (text: string) => navigator.clipboard.writeText(text) };
  const events = createEventFanOut(`${baseUrl}${DASHBOARD_ROUTES.events}`, createEventSource, options.onConnection ?? (() => {}), options.retryMs ?? 3_000);

  async function remoteCall<K extends CallName>(name: K, request: unknown): Promise<Result<CallResponse<K>>> {
    try {
      const response = await doFetch(callUrl(baseUrl, name), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request ?? null),
        credentials: 'same-origin',
        cache: 'no-store',
      });
      return resultFromResponse(response.status, await response.text());
    } catch (error) {
      return fail('DASHBOARD_UNREACHABLE', `The dashboard server did not answer: ${(error as Error).message}`);
    }
  }

  async function copyText(text: string): Promise<Result<{ readonly copied: true }>> {
    try {
      await clipboard.writeText(text);
      return ok({ copied: true });
    } catch (error) {
      return fail('CLIPBOARD_FAILED', `The browser did not allow copying: ${(error as Error).message}`);
    }
  }

  const api = {
    async call<K extends CallName>(name: K, ...args: unknown[]): Promise<Result<CallResponse<K>>> {
      if (!isCallName(name)) return fail('UNKNOWN_CALL', `unknown call ${String(name)}`);
      if (name === 'clipboard.writeText') return (await copyText((args[0] as { text: string }).text)) as Result<CallResponse<K>>;
      if (name === 'apiKey.copy') {
        const revealed = await remoteCall('apiKey.reveal', undefined);
        if (!revealed.ok) return revealed;
        return (await copyText(revealed.value.apiKey)) as Result<CallResponse<K>>;
      }
      return remoteCall(name, args[0]);
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      if (!isEventName(event)) throw new TypeError(`unknown event ${String(event)}`);
      return events.add(event, listener as (payload: unknown) => void);
    },
  };
  return api as BackendApi;
}

/**
 * One `EventSource` for every listener, opened with the first listener and
 * closed with the last. The browser reconnects a dropped stream by itself
 * (the server's `retry`); when it gives up (a 401 after the server restarted,
 * for example) a new stream is tried after `retryMs`.
 */
function createEventFanOut(
  url: string,
  createEventSource: (url: string) => EventSourceLike,
  onConnection: (state: ConnectionState) => void,
  retryMs: number,
) {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSourceLike | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function dispatch(event: EventName, data: unknown): void {
    const parsed = parseEventData(data);
    if (!parsed) return;
    for (const listener of [...(listeners.get(event) ?? [])]) listener(parsed.payload);
  }

  function open(): void {
    onConnection('connecting');
    const current = createEventSource(url);
    source = current;
    current.addEventListener('open', () => onConnection('open'));
    current.addEventListener('error', () => {
      if (current.readyState !== EVENT_SOURCE_CLOSED) return onConnection('connecting');
      current.close();
      if (source !== current) return;
      source = undefined;
      onConnection('retrying');
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        if (listeners.size > 0) open();
      }, retryMs);
    });
    // Every contract event, so listeners added later need no new registration.
    for (const event of EVENT_NAMES) current.addEventListener(event, (message) => dispatch(event, message.data));
  }

  function close(): void {
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
    source?.close();
    source = undefined;
  }

  return {
    add(event: EventName, listener: (payload: unknown) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      if (!source && retryTimer === undefined) open();
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(event);
        if (listeners.size === 0) close();
      };
    },
  };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; value?: unknown; error?: unknown };
  if (candidate.ok === true) return 'value' in candidate;
  return candidate.ok === false && isAppError(candidate.error);
}

function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { code?: unknown; message?: unknown };
  return typeof candidate.code === 'string' && typeof candidate.message === 'string';
}
