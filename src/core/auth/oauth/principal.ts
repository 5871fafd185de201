import { createHash } from 'node:crypto';
import type { Principal } from '../types.js';
import type { AccessTokenClaims } from './verify-access-token.js';

/**
 * Granted scopes: RFC 9068 §2.2.3 / RFC 8693 §4.2 `scope` (space separated),
 * or the `scp` claim (array or string) some providers use instead.
 */
export function scopesOf(claims: AccessTokenClaims): string[] {
  const raw = claims.scope ?? claims.scp;
  if (typeof raw === 'string') return raw.split(' ').filter(Boolean);
  if (Array.isArray(raw)) return raw.filter((scope): scope is string => typeof scope === 'string');
  return [];
}

/** OAuth client id: RFC 9068 `client_id`, else OIDC `azp`. */
function clientIdOf(claims: AccessTokenClaims): string | undefined {
  const id = claims.client_id ?? claims.azp;
  return typeof id === 'string' ? id : undefined;
}

function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** First characters of an identifier and an ellipsis: enough to tell callers apart, not to impersonate. */
function mask(value: string): string {
  return `${value.slice(0, Math.min(4, Math.max(1, value.length - 2)))}…`;
}

/**
 * The caller behind a verified token. `clientKey` hashes issuer, `sub` and
 * client id, so a client keeps its rate-limit bucket across token refreshes
 * (a hash of the token would hand it a fresh bucket with every new token);
 * without either claim it falls back to the token's hash.
 */
export function principalFromClaims(token: string, claims: AccessTokenClaims): Principal {
  const subject = typeof claims.sub === 'string' ? claims.sub : undefined;
  const clientId = clientIdOf(claims);
  const identity = subject ?? clientId;
  const clientKey = identity
    ? `oauth:${sha256Hex(`${claims.iss ?? ''}\n${subject ?? ''}\n${clientId ?? ''}`)}`
    : `oauth-token:${sha256Hex(token)}`;
  return {
    clientKey,
    label: identity ? `oauth:${mask(identity)}` : `oauth:${clientKey.slice(12, 18)}…`,
    ...(subject !== undefined ? { subject } : {}),
    ...(clientId !== undefined ? { clientId } : {}),
    scopes: scopesOf(claims),
    token,
    expiresAt: claims.exp,
  };
}
