/**
 * FOR TESTS: talks to a dashboard over raw `node:http`, so a test controls
 * every header a browser would send (`Host`, `Origin`, `Cookie`,
 * `Sec-Fetch-Site`) and can read a server-sent event stream frame by frame.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallName } from '../../shared/contract.js';
import { callPath, DASHBOARD_ROUTES } from '../../shared/dashboard-routes.js';

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The body as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

export interface RawRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export function rawRequest(port: number, { method = 'GET', path, headers = {}, body }: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, timeout: 10_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: parseJson(text) }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A browser on the dashboard's own page: right Host, Origin, Fetch Metadata and (once exchanged) cookie. */
export interface DashboardClient {
  readonly origin: string;
  cookie: string | undefined;
  /** Trades the token for the cookie (kept in `cookie`); the token works once. */
  exchange(token: string): Promise<RawResponse>;
  /** `DELETE` the session route with the cookie: ends the session. */
  endSession(): Promise<RawResponse>;
  call(name: CallName, request?: unknown): Promise<RawResponse>;
  events(): Promise<EventReader>;
}

export function dashboardClient(port: number): DashboardClient {
  const origin = `http://127.0.0.1:${port}`;
  const client: DashboardClient = {
    origin,
    cookie: undefined,
    async exchange(token) {
      const response = await rawRequest(port, {
        method: 'POST',
        path: DASHBOARD_ROUTES.session,
        headers: { 'Content-Type': 'application/json', Origin: origin, 'Sec-Fetch-Site': 'same-origin' },
        body: JSON.stringify({ token }),
      });
      const setCookie = response.headers['set-cookie']?.[0];
      if (setCookie) client.cookie = setCookie.split(';')[0];
      return response;
    },
    endSession() {
      return rawRequest(port, {
        method: 'DELETE',
        path: DASHBOARD_ROUTES.session,
        headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', ...(client.cookie && { Cookie: client.cookie }) },
      });
    },
    call(name, body) {
      return rawRequest(port, {
        method: 'POST',
        path: callPath(name),
        headers: { 'Content-Type': 'application/json', Origin: origin, 'Sec-Fetch-Site': 'same-origin', ...(client.cookie && { Cookie: client.cookie }) },
        body: JSON.stringify(body ?? null),
      });
    },
    events: () => openEventReader(port, client.cookie ? { Cookie: client.cookie } : {}),
  };
  return client;
}

export interface PartialRequestAnswer {
  /** The status of the answer, or 0 when the server closed without one. */
  readonly status: number;
  /** Everything the server sent. */
  readonly text: string;
}

/**
 * Sends a request head and only `partialBody` of the body its `Content-Length`
 * announces, then waits (never sending the rest) until the server answers and
 * closes the connection, or `timeoutMs` passes (then rejects: the server held it).
 */
export function sendPartialRequest(port: number, head: string, partialBody: string, timeoutMs = 5_000): Promise<PartialRequestAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server held a partial body for ${timeoutMs} ms without closing; it sent: ${JSON.stringify(text)}`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    });
    socket.write(`${head.replace(/\r?\n/g, '\r\n').trimEnd()}\r\n\r\n${partialBody}`);
  });
}

export interface SseMessage {
  readonly event: string;
  readonly data: unknown;
}

/** Reads a `text/event-stream` answer message by message. */
export interface EventReader {
  readonly status: number;
  readonly response: IncomingMessage;
  readonly messages: SseMessage[];
  /** Resolves with the first message (already received or next) that matches. */
  next(match: (message: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  close(): void;
}

export function openEventReader(port: number, headers: Record<string, string>): Promise<EventReader> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: DASHBOARD_ROUTES.events, headers: { Accept: 'text/event-stream', ...headers } }, (response) => {
      const messages: SseMessage[] = [];
      const waiters = new Set<() => void>();
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined) messages.push({ event, data: JSON.parse(data) as unknown });
        }
        for (const wake of [...waiters]) wake();
      });
      resolve({
        status: response.statusCode ?? 0,
        response,
        messages,
        next(match, timeoutMs = 5_000) {
          return new Promise((found, fail) => {
            const check = (): boolean => {
              const hit = messages.find(match);
              if (!hit) return false;
              waiters.delete(wake);
              clearTimeout(timer);
              found(hit);
              return true;
            };
            const wake = (): void => void check();
            const timer = setTimeout(() => {
              waiters.delete(wake);
              fail(new Error(`no matching event within ${timeoutMs} ms; got ${messages.map((m) => m.event).join(', ')}`));
            }, timeoutMs);
            if (!check()) waiters.add(wake);
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A stand-in renderer build: `dashboard.html` and one bundled script. */
export async function fakeRendererBuild(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mcp-dashboard-assets-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'dashboard.html'), '<!doctype html><title>dashboard</title><script type="module" src="./assets/app-abc123.js"></script>');
  await writeFile(join(dir, 'assets', 'app-abc123.js'), 'console.log("dashboard");');
  await writeFile(join(dir, 'secret.txt'), 'not an asset');
  return dir;
}
