import type { IssuerHealth } from '../../../shared/view-types.js';
import type { OAuthEvent } from './events.js';

/** Before any attempt: nothing known; discovery is not needed when the JWKS URI is configured. */
export function initialIssuerHealth(jwksUriConfigured: boolean): IssuerHealth {
  return { state: 'unknown', discovery: jwksUriConfigured ? 'not_needed' : 'unknown', jwks: 'unknown' };
}

/**
 * The issuer's health after one key-machinery event (`now`: epoch ms). A
 * fetched key set makes it `ok`; a failed discovery or download makes it
 * `unreachable` (known keys may still serve: `lastKeyFetchAt` says since when).
 * The last error is kept after a recovery, so the card can say what happened.
 */
export function nextIssuerHealth(health: IssuerHealth, event: OAuthEvent, now: number): IssuerHealth {
  switch (event.type) {
    case 'discovery_succeeded':
      return { ...health, discovery: 'ok' };
    case 'discovery_failed':
      return { ...health, state: 'unreachable', discovery: 'failed', lastError: `discovery at ${event.issuer} failed: ${event.message}` };
    case 'jwks_fetched':
      return { ...health, state: 'ok', jwks: 'ok', lastKeyFetchAt: now };
    case 'jwks_fetch_failed':
      return { ...health, state: 'unreachable', jwks: 'failed', lastError: `key set download from ${event.jwksUri} failed: ${event.message}` };
  }
}
