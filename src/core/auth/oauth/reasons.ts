/**
 * Stable rejection reasons of oauth mode. Each is the `code` of the `HttpError`
 * thrown for that rejection, and so the `reason` label the metrics count.
 */
export const OAUTH_REJECTION = {
  /** No `Authorization: Bearer` header (RFC 6750 §3.1: no `error` attribute). */
  missingToken: 'AUTH_MISSING_TOKEN',
  /** `Authorization` header that is not one `Bearer <token68>` value. */
  malformedHeader: 'AUTH_MALFORMED_HEADER',
  /** `access_token` in the query string: the URI method is not supported (MCP authorization spec). */
  tokenInQuery: 'AUTH_TOKEN_IN_QUERY',
  /** Not a compact JWS, or a header/payload that does not decode to JSON objects. */
  malformedToken: 'AUTH_MALFORMED_TOKEN',
  /** `alg` outside the allow list (HS*, `none`, anything not asymmetric). */
  algorithmNotAllowed: 'AUTH_ALG_NOT_ALLOWED',
  /** An ID token (or another JWT type) presented as an access token. */
  notAccessToken: 'AUTH_NOT_ACCESS_TOKEN',
  /** No key in the issuer's JWKS matches the token's `kid`/`alg`. */
  unknownKey: 'AUTH_UNKNOWN_KEY',
  /** The signing key is not known and the issuer's JWKS could not be fetched. */
  keysUnavailable: 'AUTH_JWKS_UNAVAILABLE',
  /** Signature does not verify (tampered header or payload, wrong key). */
  badSignature: 'AUTH_BAD_SIGNATURE',
  /** `iss` missing or not the configured issuer. */
  wrongIssuer: 'AUTH_WRONG_ISSUER',
  /** `aud` missing or not naming this server (RFC 8707). */
  wrongAudience: 'AUTH_WRONG_AUDIENCE',
  /** No `exp` claim: RFC 9068 §2.2 makes it required. */
  missingExpiry: 'AUTH_MISSING_EXP',
  /** `exp` passed (beyond the clock tolerance). */
  expired: 'AUTH_TOKEN_EXPIRED',
  /** `nbf` or `iat` in the future (beyond the clock tolerance). */
  notYetValid: 'AUTH_TOKEN_NOT_YET_VALID',
  /** Valid token without every required scope: 403. */
  insufficientScope: 'AUTH_INSUFFICIENT_SCOPE',
} as const;

export type OAuthRejectionCode = (typeof OAUTH_REJECTION)[keyof typeof OAUTH_REJECTION];

/** Code of the error thrown when the factory's options are invalid. */
export const OAUTH_CONFIG_INVALID = 'OAUTH_CONFIG_INVALID';
