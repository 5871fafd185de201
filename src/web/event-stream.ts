import type { ServerResponse } from 'node:http';
import type { AppEventListener } from '../ui-backend/event-hub.js';
import type { EventName, Unsubscribe } from '../shared/contract.js';
import type { EventState } from './initial-state.js';
import { API_HEADERS } from './security-headers.js';

export const DEFAULT_HEARTBEAT_MS = 15_000;
/** How long the browser waits before reconnecting a dropped stream (the SSE `retry` field). */
export const DEFAULT_RETRY_MS = 2_000;

export interface EventStreamOptions {
  readonly subscribe: (listener: AppEventListener) => Unsubscribe;
  /** The present value of every event, sent first (live events that arrive meanwhile win). */
  readonly initialState: () => Promise<EventState>;
  /** A comment line this often keeps proxies and tunnels from closing an idle stream. */
  readonly heartbeatMs?: number;
  readonly retryMs?: number;
}

export interface EventStream {
  /** Ends the response (server shutdown). */
  close(): void;
}

/**
 * One `text/event-stream` frame (HTML Living Standard, "Server-sent events"):
 * the contract's event name and its payload as one line of JSON
 * (`JSON.stringify` escapes every line break, so a payload never splits).
 */
export function sseFrame(event: EventName, payload: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/**
 * Streams the contract's push events to one browser. The backend already
 * batches activity (a few updates per second); here a slow reader cannot make
 * memory grow: while the socket is congested, only the latest payload of each
 * event is kept (every event carries complete state, so nothing is lost but
 * intermediate states) and written once it drains.
 */
export function openEventStream(res: ServerResponse, options: EventStreamOptions): EventStream {
  const pending = new Map<EventName, unknown>();
  const live = new Set<EventName>();
  let congested = false;
  let closed = false;

  res.writeHead(200, { ...API_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
  write(`retry: ${options.retryMs ?? DEFAULT_RETRY_MS}\n\n`);

  function write(text: string): void {
    if (closed || congested) return;
    if (!res.write(text)) {
      congested = true;
      res.once('drain', () => {
        congested = false;
        flush();
      });
    }
  }

  function flush(): void {
    for (const [event, payload] of pending) {
      if (closed || congested) return;
      pending.delete(event);
      write(sseFrame(event, payload));
    }
  }

  const unsubscribe = options.subscribe((event, payload) => {
    live.add(event);
    pending.set(event, payload);
    flush();
  });

  void options.initialState().then((state) => {
    // A live event is newer than any value read meanwhile: every change emits one.
    for (const [event, payload] of Object.entries(state) as [EventName, unknown][]) {
      if (!live.has(event)) pending.set(event, payload);
    }
    flush();
  }, flush);

  const heartbeat = setInterval(() => write(': keep-alive\n\n'), options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  heartbeat.unref();

  function stop(): void {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    pending.clear();
  }
  res.once('close', stop);

  return {
    close() {
      stop();
      res.end();
    },
  };
}
