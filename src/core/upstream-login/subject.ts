import { decodeJwt, type JWTPayload } from 'jose';

function claimsOf(token: string | undefined): JWTPayload | undefined {
  if (token === undefined || token.split('.').length !== 3) return undefined;
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The account a sign-in is for, to show the user: from the ID token (e-mail,
 * then preferred user name, then name, then `sub`), else the `sub` of a JWT
 * access token. Both come straight from the token endpoint over the
 * connection the SDK made, and are only displayed, never trusted for access,
 * so they are decoded without a signature check (OIDC Core §3.1.3.7 allows
 * TLS for tokens received this way).
 */
export function subjectOf(tokens: { readonly id_token?: string; readonly access_token: string }): string | undefined {
  const id = claimsOf(tokens.id_token);
  const fromId = id && (text(id.email) ?? text(id.preferred_username) ?? text(id.name) ?? text(id.sub));
  return fromId ?? text(claimsOf(tokens.access_token)?.sub);
}
