import type { StoredSession } from './stored-session.js';

/** The parts of an openid-client token endpoint response we keep. */
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type?: string;
  readonly refresh_token?: string;
  readonly scope?: string;
  expiresIn(): number | undefined;
  /** Claims of the ID token, validated by openid-client (issuer, audience, expiry). */
  claims(): { sub: string } | undefined;
}

export interface SessionContext {
  readonly issuer: string;
  readonly clientId: string;
  /** The scope that was asked for; used when the server does not echo one. */
  readonly scope?: string;
  readonly resource?: string;
  readonly now: number;
  /** The session being refreshed: keeps its refresh token when the server does not rotate it (RFC 6749 §6). */
  readonly previous?: StoredSession;
}

export function sessionFromTokenResponse(tokens: TokenResponse, context: SessionContext): StoredSession {
  const expiresIn = tokens.expiresIn();
  const subject = subjectOf(tokens) ?? (context.previous && pickSubject(context.previous));
  return {
    issuer: context.issuer,
    clientId: context.clientId,
    accessToken: tokens.access_token,
    tokenType: tokens.token_type ?? 'Bearer',
    refreshToken: tokens.refresh_token ?? context.previous?.refreshToken,
    expiresAt: expiresIn === undefined ? undefined : context.now + expiresIn * 1000,
    scope: tokens.scope ?? context.scope ?? context.previous?.scope,
    resource: context.resource ?? context.previous?.resource,
    ...subject,
    obtainedAt: context.now,
  };
}

/**
 * Who signed in, for display (`whoami`) only, never for a security decision:
 * the `sub` of the ID token when there is one (its claims were validated by
 * openid-client), else the `sub` of a JWT access token decoded WITHOUT
 * verifying its signature (RFC 9068 §2.2; the token is meant for the resource
 * server, which does verify it). Opaque access tokens give no subject.
 */
export function subjectOf(tokens: Pick<TokenResponse, 'access_token' | 'claims'>): Pick<StoredSession, 'subject' | 'subjectSource'> | undefined {
  const idTokenSubject = tokens.claims()?.sub;
  if (idTokenSubject) return { subject: idTokenSubject, subjectSource: 'id_token' };
  try {
    const sub = unverifiedJwtClaims(tokens.access_token)?.sub;
    return typeof sub === 'string' && sub !== '' ? { subject: sub, subjectSource: 'access_token' } : undefined;
  } catch {
    return undefined;
  }
}

function pickSubject(session: StoredSession): Pick<StoredSession, 'subject' | 'subjectSource'> | undefined {
  return session.subject ? { subject: session.subject, subjectSource: session.subjectSource } : undefined;
}

/** The claims of a JWT read without any check (RFC 7519 §7.2 steps 1–3 only), or undefined when it is not one. For display. */
function unverifiedJwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const claims: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
}
