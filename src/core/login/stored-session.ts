/**
 * What a sign-in leaves in the keychain for one issuer. The whole object is
 * one secret (a JSON blob in one keychain entry); it is never written to a file.
 */
export interface StoredSession {
  /** The issuer exactly as its metadata names it. */
  readonly issuer: string;
  readonly clientId: string;
  readonly accessToken: string;
  /** `Bearer` (RFC 6750) unless the server says otherwise. */
  readonly tokenType: string;
  readonly refreshToken?: string;
  /** When the access token expires (ms since the epoch); unknown when the server sent no `expires_in`. */
  readonly expiresAt?: number;
  /** Granted scope (RFC 6749 §5.1), or the requested one when the server did not echo it. */
  readonly scope?: string;
  /** The resource indicator asked for (RFC 8707); refreshes ask for it again. */
  readonly resource?: string;
  /** Who signed in, for display only (see `subjectOf`). */
  readonly subject?: string;
  /** Where `subject` came from. */
  readonly subjectSource?: 'id_token' | 'access_token';
  /** When the tokens were obtained or last refreshed (ms since the epoch). */
  readonly obtainedAt: number;
}

/** The non-secret part of a session: safe to print, log or send to a renderer. */
export interface SessionSummary {
  readonly issuer: string;
  readonly clientId: string;
  readonly subject?: string;
  readonly subjectSource?: 'id_token' | 'access_token';
  readonly expiresAt?: number;
  readonly scope?: string;
  readonly resource?: string;
  readonly hasRefreshToken: boolean;
}

export function summarizeSession(session: StoredSession): SessionSummary {
  return {
    issuer: session.issuer,
    clientId: session.clientId,
    subject: session.subject,
    subjectSource: session.subjectSource,
    expiresAt: session.expiresAt,
    scope: session.scope,
    resource: session.resource,
    hasRefreshToken: session.refreshToken !== undefined,
  };
}

/**
 * Reads a session back from its keychain JSON. Returns `undefined` for
 * anything that is not a session this version wrote (corrupt, foreign,
 * truncated), so callers treat it as "not signed in" rather than crash.
 */
export function parseStoredSession(json: string): StoredSession | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const optionalString = (key: string) => v[key] === undefined || typeof v[key] === 'string';
  const ok =
    typeof v.issuer === 'string' &&
    typeof v.clientId === 'string' &&
    typeof v.accessToken === 'string' &&
    typeof v.tokenType === 'string' &&
    typeof v.obtainedAt === 'number' &&
    (v.expiresAt === undefined || typeof v.expiresAt === 'number') &&
    ['refreshToken', 'scope', 'resource', 'subject'].every(optionalString) &&
    (v.subjectSource === undefined || v.subjectSource === 'id_token' || v.subjectSource === 'access_token');
  return ok ? (v as unknown as StoredSession) : undefined;
}
