import type * as oidc from 'openid-client';
import { loadOpenIdClient } from './openid-client.js';
import type { SecretStore } from '../keychain/index.js';
import { discoverAuthorizationServer } from './authorization-server.js';
import { LoginError } from './login-error.js';
import { sessionFromTokenResponse } from './session-from-tokens.js';
import { loadSession, updateSession } from './session-store.js';
import { oauthReason } from './oauth-reason.js';
import type { StoredSession } from './stored-session.js';

/** A token expiring within this margin is refreshed first, so it does not die in flight. */
export const DEFAULT_MIN_VALIDITY_MS = 60_000;

export interface AccessTokenOptions {
  readonly store: SecretStore;
  /** Default: the issuer of the last sign-in. */
  readonly issuer?: string;
  readonly minValidityMs?: number;
  readonly now?: () => number;
  readonly signal?: AbortSignal;
}

export interface ValidAccessToken {
  readonly session: StoredSession;
  /** True when the stored token was refreshed (and the keychain updated). */
  readonly refreshed: boolean;
}

/**
 * A currently valid access token from the keychain: the stored one while it
 * has at least `minValidityMs` left (or no known expiry), otherwise a fresh
 * one from the refresh token grant (RFC 6749 §6), stored before it is returned.
 * `NOT_SIGNED_IN` without a session, `SESSION_EXPIRED` when it expired and
 * there is no refresh token, `REFRESH_FAILED` when the grant fails.
 */
export async function getValidAccessToken(options: AccessTokenOptions): Promise<ValidAccessToken> {
  const now = options.now ?? Date.now;
  const session = await loadSession(options.store, options.issuer);
  const minValidityMs = options.minValidityMs ?? DEFAULT_MIN_VALIDITY_MS;
  if (!needsRefresh(session, now(), minValidityMs)) return { session, refreshed: false };
  const refreshed = await refreshSession(session, { now, signal: options.signal });
  await updateSession(options.store, refreshed);
  return { session: refreshed, refreshed: true };
}

/** True when the token's expiry is known and closer than `minValidityMs`. */
export function needsRefresh(session: Pick<StoredSession, 'expiresAt'>, now: number, minValidityMs: number): boolean {
  return session.expiresAt !== undefined && session.expiresAt - now < minValidityMs;
}

/** Runs the refresh token grant for `session`, asking for the same resource again (RFC 8707 §2.2). */
export async function refreshSession(
  session: StoredSession,
  options: { now?: () => number; signal?: AbortSignal } = {},
): Promise<StoredSession> {
  if (!session.refreshToken) {
    throw new LoginError(
      'SESSION_EXPIRED',
      `The access token for ${session.issuer} has expired and there is no refresh token. Run \`mcp-toolkit login\` again.`,
    );
  }
  let config: oidc.Configuration;
  try {
    config = await discoverAuthorizationServer({ issuer: session.issuer, clientId: session.clientId, signal: options.signal });
  } catch (error) {
    if (error instanceof LoginError && error.code === 'CANCELLED') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new LoginError('REFRESH_FAILED', `Cannot refresh the access token: ${reason}`, { cause: error });
  }
  try {
    const openid = await loadOpenIdClient();
    const tokens = await openid.refreshTokenGrant(
      config,
      session.refreshToken,
      session.resource ? { resource: session.resource } : undefined,
    );
    return sessionFromTokenResponse(tokens, {
      issuer: session.issuer,
      clientId: session.clientId,
      now: (options.now ?? Date.now)(),
      previous: session,
    });
  } catch (error) {
    if (options.signal?.aborted) throw new LoginError('CANCELLED', 'The token refresh was cancelled.', { cause: error });
    throw new LoginError(
      'REFRESH_FAILED',
      `${session.issuer} refused to refresh the access token: ${oauthReason(error)}. Run \`mcp-toolkit login\` again.`,
      { cause: error },
    );
  }
}
