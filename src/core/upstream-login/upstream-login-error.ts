import type { LoginError } from '../login/login-error.js';

/** Stable reasons a sign-in to a remote server (or its sign-out) fails. */
export const UPSTREAM_LOGIN_ERROR_CODES = [
  /** The server names no usable authorization server (no RFC 9728 metadata, no RFC 8414/OIDC metadata). */
  'UPSTREAM_LOGIN_DISCOVERY_FAILED',
  /** The server's URL, or a URL its metadata names, is plain http to another computer: tokens or codes would travel unencrypted. */
  'UPSTREAM_LOGIN_INSECURE_URL',
  /** The authorization server does not list `S256` in `code_challenge_methods_supported`. */
  'UPSTREAM_LOGIN_NO_S256',
  /** No client ID configured, no Client ID Metadata Document possible, and no dynamic registration offered. */
  'UPSTREAM_LOGIN_REGISTRATION_UNSUPPORTED',
  /** The authorization server refused the dynamic registration. */
  'UPSTREAM_LOGIN_REGISTRATION_FAILED',
  /** The callback's `iss` names another issuer, or lacks one the server promised (RFC 9207); or discovery found another authorization server than the server's `auth.issuer`. */
  'UPSTREAM_LOGIN_ISSUER_MISMATCH',
  /** A configured client secret, with no `auth.issuer` saying which authorization server it may be sent to. */
  'UPSTREAM_LOGIN_ISSUER_REQUIRED',
  /** The callback's `state` is not the one sent. */
  'UPSTREAM_LOGIN_STATE_MISMATCH',
  /** The user (or the server's policy) refused: `error=access_denied`. */
  'UPSTREAM_LOGIN_ACCESS_DENIED',
  /** Any other `error=…` on the callback, or a callback without a code. */
  'UPSTREAM_LOGIN_AUTHORIZATION_ERROR',
  /** The token endpoint refused the code, or the flow failed in the SDK. */
  'UPSTREAM_LOGIN_TOKEN_EXCHANGE_FAILED',
  /** The loopback port (of a pre-registered client's fixed redirect URI) is taken. */
  'UPSTREAM_LOGIN_PORT_IN_USE',
  /** The browser could not be opened. */
  'UPSTREAM_LOGIN_BROWSER_OPEN_FAILED',
  /** No callback arrived in time. */
  'UPSTREAM_LOGIN_TIMEOUT',
  /** Aborted by the caller (Cancel, Ctrl-C). */
  'UPSTREAM_LOGIN_CANCELLED',
] as const;

export type UpstreamLoginErrorCode = (typeof UPSTREAM_LOGIN_ERROR_CODES)[number];

/**
 * A sign-in to a remote server that failed, with a stable `code`. The message
 * is in the user's words, names the server, and never holds a token, code,
 * verifier or client secret.
 */
export class UpstreamLoginError extends Error {
  override readonly name = 'UpstreamLoginError';

  constructor(
    readonly code: UpstreamLoginErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const FROM_LOGIN_ERROR: Partial<Record<LoginError['code'], UpstreamLoginErrorCode>> = {
  STATE_MISMATCH: 'UPSTREAM_LOGIN_STATE_MISMATCH',
  ISSUER_MISMATCH: 'UPSTREAM_LOGIN_ISSUER_MISMATCH',
  ACCESS_DENIED: 'UPSTREAM_LOGIN_ACCESS_DENIED',
  AUTHORIZATION_ERROR: 'UPSTREAM_LOGIN_AUTHORIZATION_ERROR',
  INVALID_CALLBACK: 'UPSTREAM_LOGIN_AUTHORIZATION_ERROR',
  PORT_IN_USE: 'UPSTREAM_LOGIN_PORT_IN_USE',
  BROWSER_OPEN_FAILED: 'UPSTREAM_LOGIN_BROWSER_OPEN_FAILED',
  TIMEOUT: 'UPSTREAM_LOGIN_TIMEOUT',
  CANCELLED: 'UPSTREAM_LOGIN_CANCELLED',
};

/** The loopback listener's `LoginError` (state, iss, error, timeout, cancel…) as an `UpstreamLoginError`. */
export function fromLoginError(error: LoginError): UpstreamLoginError {
  return new UpstreamLoginError(FROM_LOGIN_ERROR[error.code] ?? 'UPSTREAM_LOGIN_AUTHORIZATION_ERROR', error.message, { cause: error });
}

export function cancelledSignIn(): UpstreamLoginError {
  return new UpstreamLoginError('UPSTREAM_LOGIN_CANCELLED', 'The sign-in was cancelled.');
}
