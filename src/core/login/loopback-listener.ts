import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callbackPage } from './callback-page.js';
import { checkCallbackParams, type CallbackExpectations } from './callback-params.js';
import { listen, type ListenError } from '../http/listen.js';
import { createHttpServer } from '../http/node-http.js';
import { LoginError } from './login-error.js';
import { parseLoopbackRedirectUri, withPort } from './redirect-uri.js';

/** How long the listener waits for the browser by default: 5 minutes. */
export const DEFAULT_CALLBACK_TIMEOUT_MS = 5 * 60_000;

export interface LoopbackListenerOptions extends CallbackExpectations {
  /** e.g. `http://127.0.0.1:8765/callback`; port 0 picks a free port. */
  readonly redirectUri: string;
  readonly timeoutMs?: number;
  /** Aborting ends the wait with `CANCELLED`. */
  readonly signal?: AbortSignal;
}

export interface LoopbackListener {
  /** The redirect URI to send in the authorization request, with the real port. */
  readonly redirectUri: string;
  /**
   * Settles once, after the listener has closed: with the callback URL
   * (the redirect URI plus the received query) when a valid callback arrived,
   * otherwise with a `LoginError`.
   */
  readonly callback: Promise<URL>;
  /** Ends the wait with `error` (default `CANCELLED`) unless it already ended; resolves when closed. */
  close(error?: LoginError): Promise<void>;
}

/**
 * A one-shot HTTP listener on the loopback interface that captures the
 * authorization response (RFC 8252 §7.3, §8.3: bound to 127.0.0.1, not all
 * interfaces).
 *
 * - Requests to other paths (favicon…) get 404 and do not end the wait.
 * - The first request on the redirect path ends it: the callback is checked
 *   (`state`, then RFC 9207 `iss`, then `error`, then `code`) and the browser
 *   gets a small success or failure page. A wrong `state` ends the flow with
 *   `STATE_MISMATCH` rather than waiting on: the user sees a failure page at
 *   once instead of a browser spinning until the timeout, and a forged
 *   request cannot be retried against the same listener.
 * - It also ends on timeout (`TIMEOUT`), abort (`CANCELLED`) or `close()`.
 * The listening socket and every browser connection are closed before
 * `callback` settles, so the port is free again when the caller sees the outcome.
 */
export async function startLoopbackListener(options: LoopbackListenerOptions): Promise<LoopbackListener> {
  const redirect = parseLoopbackRedirectUri(options.redirectUri);
  if (options.signal?.aborted) throw cancelledError();

  const server = createHttpServer();
  await listenForCallback(server, redirect.bindAddress, redirect.port);
  const actualPort = (server.address() as AddressInfo).port;
  const redirectUri = withPort(redirect.url, actualPort);

  /** True once an outcome is decided; `answering` while the one callback page is being sent. */
  let settled = false;
  let answering = false;
  let resolveCallback!: (url: URL) => void;
  let rejectCallback!: (error: LoginError) => void;
  const callback = new Promise<URL>((resolve, reject) => {
    resolveCallback = resolve;
    rejectCallback = reject;
  });
  callback.catch(() => {}); // the caller may attach its handler later
  let closed: Promise<void> | undefined;

  const shutDown = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closed;
  };
  const finish = async (outcome: { url: URL } | { error: LoginError }): Promise<void> => {
    if (settled) return;
    settled = true;
    await shutDown();
    if ('url' in outcome) resolveCallback(outcome.url);
    else rejectCallback(outcome.error);
  };

  const onAbort = (): void => void finish({ error: cancelledError() });
  const timeoutMs = options.timeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS;
  const timer = setTimeout(
    () => void finish({ error: new LoginError('TIMEOUT', `No sign-in arrived within ${Math.round(timeoutMs / 1000)} s.`) }),
    timeoutMs,
  );
  options.signal?.addEventListener('abort', onAbort, { once: true });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const requestUrl = new URL(req.url ?? '/', redirectUri);
    if (settled || answering || requestUrl.pathname !== redirect.pathname) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed');
      return;
    }
    const error = checkCallbackParams(requestUrl.searchParams, options);
    const callbackUrl = new URL(redirectUri);
    callbackUrl.search = requestUrl.search;
    answering = true;
    const page = callbackPage(error ? { ok: false, message: error.message } : { ok: true });
    // 'close' follows 'finish', and also comes when the browser hangs up early.
    res.once('close', () => void finish(error ? { error } : { url: callbackUrl }));
    res
      .writeHead(error ? 400 : 200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        connection: 'close',
      })
      .end(page);
  });

  return {
    redirectUri,
    callback,
    close: async (error = cancelledError()) => {
      await finish({ error });
      await shutDown();
    },
  };
}

function cancelledError(): LoginError {
  return new LoginError('CANCELLED', 'The sign-in was cancelled.');
}

/** Binds the callback port, or explains which setting frees it. */
async function listenForCallback(server: Server, host: string, port: number): Promise<void> {
  try {
    await listen(server, host, port);
  } catch (error) {
    const listenError = error as ListenError;
    throw listenError.code === 'PORT_IN_USE'
      ? new LoginError(
          'PORT_IN_USE',
          `${listenError.message}, so the sign-in callback cannot be received there. ` +
            `Choose another port with --redirect-uri (or MCP_OAUTH_REDIRECT_URI), e.g. http://127.0.0.1:${port < 65535 ? port + 1 : port - 1}/callback, ` +
            'and make sure the identity provider allows it.',
          { cause: error },
        )
      : new LoginError('INVALID_OPTIONS', listenError.message, { cause: error });
  }
}
