/** Stable reasons a sign-in, token refresh or stored-session lookup can fail. */
export const LOGIN_ERROR_CODES = [
  /** Bad options: issuer or redirect URI not a usable URL, missing client id. */
  'INVALID_OPTIONS',
  /** Plain `http://` issuer on a host that is not loopback. */
  'INSECURE_ISSUER',
  /** The issuer's metadata could not be fetched (connection refused, DNS, timeout). */
  'ISSUER_UNREACHABLE',
  /** The issuer answered but its metadata is unusable (missing, wrong issuer, not JSON). */
  'DISCOVERY_FAILED',
  /** The metadata does not list `S256` in `code_challenge_methods_supported` (RFC 7636, OAuth 2.1). */
  'PKCE_S256_UNSUPPORTED',
  /** The loopback redirect port is taken by another process. */
  'PORT_IN_USE',
  /** The system browser could not be started. */
  'BROWSER_OPEN_FAILED',
  /** The callback's `state` is not the one we sent (CSRF or a stale browser tab). */
  'STATE_MISMATCH',
  /** The callback's `iss` is missing or names another issuer (RFC 9207, mix-up attack). */
  'ISSUER_MISMATCH',
  /** The user (or the provider's policy) refused the authorization: `error=access_denied`. */
  'ACCESS_DENIED',
  /** Any other `error=…` on the callback (RFC 6749 §4.1.2.1). */
  'AUTHORIZATION_ERROR',
  /** The callback carries neither `code` nor `error`. */
  'INVALID_CALLBACK',
  /** The token endpoint refused the code or answered something unusable. */
  'TOKEN_EXCHANGE_FAILED',
  /** No callback arrived in time. */
  'TIMEOUT',
  /** Aborted by the caller (Ctrl-C, Cancel button). */
  'CANCELLED',
  /** No stored session for the issuer (or no default session). */
  'NOT_SIGNED_IN',
  /** The stored access token expired and there is no refresh token. */
  'SESSION_EXPIRED',
  /** The refresh token grant failed (revoked, expired, issuer down). */
  'REFRESH_FAILED',
  /** The keychain could not be read or written. */
  'STORE_FAILED',
] as const;

export type LoginErrorCode = (typeof LOGIN_ERROR_CODES)[number];

/**
 * A sign-in or token failure with a stable `code`. The message is meant for the
 * user, names what to do next when there is something to do, and never
 * contains a token, code or verifier.
 */
export class LoginError extends Error {
  override readonly name = 'LoginError';

  constructor(
    readonly code: LoginErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** True for a `LoginError`, optionally with the given code. */
export function isLoginError(error: unknown, code?: LoginErrorCode): error is LoginError {
  return error instanceof LoginError && (code === undefined || error.code === code);
}
