import type { HeaderReader } from '../types.js';
import { OAUTH_REJECTION } from './reasons.js';

/** Why no usable bearer token could be taken from a request. */
export type BearerExtraction =
  | { readonly ok: true; readonly token: string }
  | { readonly ok: false; readonly code: string; readonly description: string };

/** RFC 6750 §2.1: `Bearer 1*SP b64token` (token68 syntax of RFC 7235). */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * Takes the access token from `Authorization: Bearer …`, the only method this
 * server supports (RFC 6750 §2.1).
 *
 * A token in the query string (`access_token`, RFC 6750 §2.3) is refused with
 * `invalid_request`, i.e. 400: the MCP authorization spec forbids that method
 * (URLs end up in logs and histories), and RFC 6750 §3.1 maps "unsupported
 * parameter" and "more than one method" to `invalid_request`/400. The token is
 * never examined, so a leaked one is not made useful.
 */
export function extractBearerToken(headers: HeaderReader, url: URL): BearerExtraction {
  if (url.searchParams.has('access_token')) {
    return {
      ok: false,
      code: OAUTH_REJECTION.tokenInQuery,
      description: 'access_token in the query string is not accepted; use the Authorization header',
    };
  }
  const authorization = headers.get('authorization');
  if (authorization === null || !/^Bearer(\s|$)/i.test(authorization)) {
    return { ok: false, code: OAUTH_REJECTION.missingToken, description: 'missing bearer token' };
  }
  const match = BEARER.exec(authorization);
  if (!match?.[1]) {
    return {
      ok: false,
      code: OAUTH_REJECTION.malformedHeader,
      description: 'Authorization header must be "Bearer <token>"',
    };
  }
  return { ok: true, token: match[1] };
}
