import { createHash } from 'node:crypto';
import { secretsMatch } from '../core/auth/secrets-match.js';
import { createDashboardSecret } from './secret.js';

export type TokenExchange =
  | { readonly ok: true; readonly sessionId: string }
  | { readonly ok: false; readonly reason: 'TOKEN_INVALID' | 'TOKEN_USED' };

/** The dashboard's sign-in: the per-run token, traded once, and the sessions it opened. */
export interface DashboardSessions {
  /**
   * Trades the run's token for a new session whose id (256 random bits) goes in
   * the cookie. The token works once: a later exchange, even with the right
   * token, is `TOKEN_USED`; a wrong token is `TOKEN_INVALID` and spends nothing.
   */
  exchange(presented: unknown): TokenExchange;
  /** Ends the session `id` names; false when there was none. */
  end(id: string | undefined): boolean;
  /** The stable, non-secret key of the live session `id` (a cookie's value) names, or undefined when none. */
  keyOf(id: string | undefined): string | undefined;
}

/**
 * The table is bounded by construction: each exchange spends the token, so a
 * run holds at most one session (any number of tabs of that browser share it).
 * Only a SHA-256 digest of each session id is kept and looked up, so neither
 * memory nor the timing of a lookup reveals an id.
 */
export function createDashboardSessions(token: string): DashboardSessions {
  const live = new Set<string>();
  let tokenSpent = false;

  const keyOf = (id: string | undefined): string | undefined => {
    if (id === undefined || id === '') return undefined;
    const key = digest(id);
    return live.has(key) ? key : undefined;
  };

  return {
    exchange(presented) {
      if (typeof presented !== 'string' || !secretsMatch(presented, token)) return { ok: false, reason: 'TOKEN_INVALID' };
      if (tokenSpent) return { ok: false, reason: 'TOKEN_USED' };
      tokenSpent = true;
      const sessionId = createDashboardSecret();
      live.add(digest(sessionId));
      return { ok: true, sessionId };
    },
    end(id) {
      const key = keyOf(id);
      return key !== undefined && live.delete(key);
    },
    keyOf,
  };
}

function digest(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('base64url');
}
