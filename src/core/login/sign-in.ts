import type * as oidc from 'openid-client';
import { loadOpenIdClient } from './openid-client.js';
import type { SecretStore } from '../keychain/index.js';
import { discoverAuthorizationServer } from './authorization-server.js';
import { LoginError, type LoginErrorCode } from './login-error.js';
import { oauthReason } from './oauth-reason.js';
import { startLoopbackListener, type LoopbackListener } from './loopback-listener.js';
import { DEFAULT_REDIRECT_URI } from './redirect-uri.js';
import { sessionFromTokenResponse } from './session-from-tokens.js';
import { saveSession } from './session-store.js';
import { summarizeSession, type SessionSummary, type StoredSession } from './stored-session.js';

/** One step a sign-in reports while it runs (plain data); the UI turns these into its `SignInProgress`. */
export type SignInEvent =
  /** The browser was asked to open `url`; show it too, in case it did not open. */
  | { readonly type: 'waiting-for-browser'; readonly url: string }
  /** The callback arrived; the code is being exchanged for tokens. */
  | { readonly type: 'exchanging' }
  | { readonly type: 'done'; readonly session: SessionSummary }
  | { readonly type: 'failed'; readonly code: LoginErrorCode; readonly message: string }
  | { readonly type: 'cancelled' };

export interface SignInOptions {
  readonly issuer: string;
  readonly clientId: string;
  /** Loopback redirect URI; default {@link DEFAULT_REDIRECT_URI}. Port 0 picks a free port. */
  readonly redirectUri?: string;
  /** Default: `openid` and `offline_access` when the server lists them. */
  readonly scope?: string;
  /** Resource indicator (RFC 8707): the audience the access token is for. */
  readonly resource?: string;
  /**
   * Shows the authorization URL to the user: the system browser in the CLI,
   * `shell.openExternal` in the desktop app, a driven browser in tests. It may
   * resolve as soon as the browser started; a rejection fails the sign-in
   * with `BROWSER_OPEN_FAILED`.
   */
  readonly openUrl: (url: string) => void | Promise<void>;
  /** Where the session goes on success (the OS keychain in real use). Nothing is stored on failure. */
  readonly store: SecretStore;
  /** Aborting cancels the sign-in (`CANCELLED`); the listener closes at once. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: SignInEvent) => void;
  /** How long to wait for the browser's callback; default 5 minutes. */
  readonly timeoutMs?: number;
  /** Clock for the stored expiry; default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Signs in with the OAuth 2.0 authorization code flow for native apps
 * (RFC 8252) with PKCE S256 (RFC 7636), `state`, RFC 9207 `iss` checks and
 * an optional resource indicator (RFC 8707):
 * discover → refuse without S256 → listen on the loopback redirect →
 * open the browser → check the callback → exchange the code → store.
 *
 * Resolves with the stored session. Rejects with a {@link LoginError}; the
 * loopback listener is closed and nothing is stored whenever it rejects.
 */
export async function signIn(options: SignInOptions): Promise<StoredSession> {
  const report = safeReporter(options.onProgress);
  let listener: LoopbackListener | undefined;
  try {
    if (options.signal?.aborted) throw cancelled();
    const config = await discoverAuthorizationServer(options);
    const metadata = config.serverMetadata();
    const scope = options.scope ?? defaultScope(metadata.scopes_supported);

    const openid = await loadOpenIdClient();
    const state = openid.randomState();
    const codeVerifier = openid.randomPKCECodeVerifier();
    const codeChallenge = await openid.calculatePKCECodeChallenge(codeVerifier);
    listener = await startLoopbackListener({
      redirectUri: options.redirectUri ?? DEFAULT_REDIRECT_URI,
      state,
      issuer: metadata.issuer,
      issuerParameterRequired: metadata.authorization_response_iss_parameter_supported === true,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });

    const authorizationUrl = openid.buildAuthorizationUrl(config, {
      redirect_uri: listener.redirectUri,
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
      ...(scope ? { scope } : {}),
      // OIDC Core §11: offline_access is only honoured together with prompt=consent.
      ...(scope?.split(' ').includes('offline_access') ? { prompt: 'consent' } : {}),
      ...(options.resource ? { resource: options.resource } : {}),
    }).href;

    report({ type: 'waiting-for-browser', url: authorizationUrl });
    openWithoutBlocking(options.openUrl, authorizationUrl, listener);
    const callbackUrl = await listener.callback;

    report({ type: 'exchanging' });
    const tokens = await exchangeCode(config, callbackUrl, { state, codeVerifier, resource: options.resource }, options.signal);
    const session = sessionFromTokenResponse(tokens, {
      issuer: metadata.issuer,
      clientId: options.clientId,
      scope,
      resource: options.resource,
      now: (options.now ?? Date.now)(),
    });
    await saveSession(options.store, session);
    report({ type: 'done', session: summarizeSession(session) });
    return session;
  } catch (error) {
    const failure = asLoginError(error, options.signal);
    report(failure.code === 'CANCELLED' ? { type: 'cancelled' } : { type: 'failed', code: failure.code, message: failure.message });
    throw failure;
  } finally {
    await listener?.close();
  }
}

/**
 * `openid` (and `offline_access`, for a refresh token) when the server lists
 * them; no scope at all when it lists neither or publishes no list.
 */
export function defaultScope(scopesSupported: readonly string[] | undefined): string | undefined {
  const wanted = ['openid', 'offline_access'].filter((scope) => scopesSupported?.includes(scope));
  return wanted.length > 0 ? wanted.join(' ') : undefined;
}

/** Starts `openUrl` without waiting for it: a test driver may only resolve after the whole browser dance. */
function openWithoutBlocking(openUrl: SignInOptions['openUrl'], url: string, listener: LoopbackListener): void {
  Promise.resolve()
    .then(() => openUrl(url))
    .catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      void listener.close(new LoginError('BROWSER_OPEN_FAILED', `Could not open the browser: ${reason}`, { cause: error }));
    });
}

async function exchangeCode(
  config: oidc.Configuration,
  callbackUrl: URL,
  checks: { state: string; codeVerifier: string; resource?: string },
  signal: AbortSignal | undefined,
) {
  try {
    const openid = await loadOpenIdClient();
    return await openid.authorizationCodeGrant(
      config,
      callbackUrl,
      { pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state },
      checks.resource ? { resource: checks.resource } : undefined,
    );
  } catch (error) {
    if (signal?.aborted) throw cancelled();
    throw new LoginError('TOKEN_EXCHANGE_FAILED', `The token endpoint refused the sign-in: ${oauthReason(error)}`, { cause: error });
  }
}

function asLoginError(error: unknown, signal: AbortSignal | undefined): LoginError {
  if (error instanceof LoginError) return error;
  if (signal?.aborted) return cancelled();
  return new LoginError('TOKEN_EXCHANGE_FAILED', error instanceof Error ? error.message : String(error), { cause: error });
}

function cancelled(): LoginError {
  return new LoginError('CANCELLED', 'The sign-in was cancelled.');
}

/** A progress listener that throws must not break the sign-in. */
function safeReporter(onProgress: SignInOptions['onProgress']): (event: SignInEvent) => void {
  return (event) => {
    try {
      onProgress?.(event);
    } catch {
      // ignored: progress is informational
    }
  };
}
