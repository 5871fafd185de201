/** Refusal codes (`HttpError.code`) in the words the Activity section uses; the code itself stays in a tooltip. */
const WORDS: Readonly<Record<string, string>> = {
  AUTH_MISSING_KEY: 'No API key sent',
  AUTH_INVALID_KEY: 'Wrong API key',
  AUTH_MISSING_TOKEN: 'No access token sent',
  AUTH_MALFORMED_HEADER: 'Authorization header not understood',
  AUTH_TOKEN_IN_QUERY: 'Token sent in the URL (not allowed)',
  AUTH_MALFORMED_TOKEN: 'Access token not readable',
  AUTH_ALG_NOT_ALLOWED: 'Token signed with an algorithm not allowed',
  AUTH_NOT_ACCESS_TOKEN: 'Not an access token (an ID token?)',
  AUTH_UNKNOWN_KEY: 'Token signed by a key the issuer does not list',
  AUTH_JWKS_UNAVAILABLE: 'Issuer’s signing keys unreachable',
  AUTH_BAD_SIGNATURE: 'Token signature does not match',
  AUTH_WRONG_ISSUER: 'Token from another issuer',
  AUTH_WRONG_AUDIENCE: 'Token meant for another server',
  AUTH_MISSING_EXP: 'Token without an expiry',
  AUTH_TOKEN_EXPIRED: 'Token expired',
  AUTH_TOKEN_NOT_YET_VALID: 'Token not valid yet (check the clock)',
  AUTH_INSUFFICIENT_SCOPE: 'Token lacks a required scope',
  RATE_LIMITED: 'Too many requests (rate limit)',
  FORBIDDEN_ORIGIN: 'Web page or host not allowed',
  FORBIDDEN_CONTENT_TYPE: 'Browser request of a type not allowed',
  DUPLICATE_HOST: 'More than one Host header',
  NOT_FOUND: 'No such endpoint',
  METHOD_NOT_ALLOWED: 'HTTP method not allowed here',
  BODY_TOO_LARGE: 'Request too large',
  PARSE_ERROR: 'Request is not valid JSON',
  INTERNAL: 'Server error',
  OTHER: 'Other reasons',
};

/** Plain words for a refusal code; an unknown code is shown as it is. */
export function reasonInWords(code: string): string {
  return WORDS[code] ?? code;
}
