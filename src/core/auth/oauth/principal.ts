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
  return nonEmptyString(claims.client_id) ?? nonEmptyString(claims.azp);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Label of a token that names neither its subject nor its client. */
const ANONYMOUS_LABEL = 'oauth:anonymous';

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
 * (a hash of the token would hand it a fresh bucket with every new token).
 * Tokens with neither claim cannot be told apart, so all of one issuer's
 * share one bucket (and own each other's sessions).
 */
export function principalFromClaims(token: string, claims: AccessTokenClaims): Principal {
  const subject = nonEmptyString(claims.sub);
  const clientId = clientIdOf(claims);
  const identity = subject ?? clientId;
  const clientKey = `oauth:${sha256Hex(`${claims.iss ?? ''}\n${subject ?? ''}\n${clientId ?? ''}`)}`;
  return {
    clientKey,
    label: identity !== undefined ? `oauth:${mask(identity)}` : ANONYMOUS_LABEL,
    ...(subject !== undefined ? { subject } : {}),
    ...(clientId !== undefined ? { clientId } : {}),
    scopes: scopesOf(claims),
    token,
    expiresAt: claims.exp,
  };
}
