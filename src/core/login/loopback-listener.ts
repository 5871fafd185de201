import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callbackPage } from './callback-page.js';
import { checkCallbackParams, type CallbackExpectations } from './callback-params.js';
import { listen, type ListenError } from '../http/listen.js';
import { createHttpServer } from '../http/node-http.js';
import { LoginError, type LoginErrorCode } from './login-error.js';
import { parseLoopbackRedirectUri, withPort } from './redirect-uri.js';

/** How long the listener waits for the browser by default: 5 minutes. */
export const DEFAULT_CALLBACK_TIMEOUT_MS = 5 * 60_000;

/** Callbacks of another sign-in (wrong or missing `state`, wrong `iss`) the listener answers before it gives up. */
export const MAX_FOREIGN_CALLBACKS = 5;

/** The errors of a callback that does not belong to this sign-in: answered 400, then the listener waits on. */
const FOREIGN_CALLBACK_CODES: ReadonlySet<LoginErrorCode> = new Set(['STATE_MISMATCH', 'ISSUER_MISMATCH']);

const FOREIGN_CALLBACK_PAGE = callbackPage({
  ok: false,
  title: 'Not this sign-in',
  message: 'This link does not belong to the sign-in in progress. If you are signing in to MCP Toolkit, finish it in the tab it opened.',
});

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
 * - A request on the redirect path is checked (`state`, then RFC 9207 `iss`,
 *   then `error`, then `code`). One that does not belong to this sign-in
 *   (wrong or missing `state`, wrong `iss`) gets 400 and a page saying so,
 *   and the wait goes on: a web page or another local process loading the
 *   callback URL cannot cancel the user's sign-in. After
 *   {@link MAX_FOREIGN_CALLBACKS} of them the listener gives up with that
 *   error's code (`STATE_MISMATCH`, `ISSUER_MISMATCH`).
 * - The first callback of this sign-in ends the wait: the browser gets a
 *   small success or failure page (`error=…`, no `code`).
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
  let foreignCallbacks = 0;
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
    if (error && FOREIGN_CALLBACK_CODES.has(error.code)) {
      foreignCallbacks += 1;
      if (foreignCallbacks >= MAX_FOREIGN_CALLBACKS) {
        answering = true;
        res.once('close', () => void finish({ error: tooManyForeignCallbacks(error) }));
      }
      sendPage(res, 400, FOREIGN_CALLBACK_PAGE);
      return;
    }
    const callbackUrl = new URL(redirectUri);
    callbackUrl.search = requestUrl.search;
    answering = true;
    // 'close' follows 'finish', and also comes when the browser hangs up early.
    res.once('close', () => void finish(error ? { error } : { url: callbackUrl }));
    sendPage(res, error ? 400 : 200, callbackPage(error ? { ok: false, message: error.message } : { ok: true }));
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

function sendPage(res: ServerResponse, status: number, page: string): void {
  res
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      connection: 'close',
    })
    .end(page);
}

/** The sign-in gives up: its callback URL keeps being loaded by something else. */
function tooManyForeignCallbacks(last: LoginError): LoginError {
  return new LoginError(
    last.code,
    `The sign-in was stopped: ${MAX_FOREIGN_CALLBACKS} requests reached its callback address that did not belong to it ` +
      `(${last.code === 'STATE_MISMATCH' ? 'wrong or missing state' : 'another issuer'}): a stale browser tab, or another program or web page on this computer. Try again.`,
    { cause: last },
  );
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
