import {
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
  type ProtectedHeaderParameters,
} from 'jose';
import { JwksUnavailableError } from './jwks-cache.js';
import { OAUTH_REJECTION, type OAuthRejectionCode } from './reasons.js';

/**
 * Signature algorithms accepted: asymmetric only, so a token can never be
 * forged with the (public) verification key, and never `none` (RFC 8725 §3.1-3.2).
 */
export const ALLOWED_ALGORITHMS = ['RS256', 'ES256', 'RS384', 'RS512'] as const;

/** A token was refused; `code` is the reason, `message` a short safe description. */
export class AccessTokenError extends Error {
  override readonly name = 'AccessTokenError';

  constructor(
    readonly code: OAuthRejectionCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface VerifyAccessTokenOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly getKey: JWTVerifyGetKey;
  readonly clockToleranceSec: number;
  readonly now?: () => number;
}

/** Claims of a verified access token; `exp` is always present. */
export type AccessTokenClaims = JWTPayload & { exp: number };

/** Upper bound on a token's size; real access tokens are a few KB. */
const MAX_TOKEN_LENGTH = 16_384;
const BASE64URL_SEGMENT = /^[A-Za-z0-9_-]+$/;
/** `typ` values an access token may carry: RFC 9068 §2.1 `at+jwt`, or the generic `JWT` many providers use. */
const ACCESS_TOKEN_TYPES = new Set(['at+jwt', 'jwt']);
/** Claims only ID tokens carry (OIDC Core §2, §3.3.2.11, FAPI `s_hash`). */
const ID_TOKEN_CLAIMS = ['nonce', 'at_hash', 'c_hash', 's_hash'] as const;

function reject(code: OAuthRejectionCode, message: string, cause?: unknown): never {
  throw new AccessTokenError(code, message, cause === undefined ? undefined : { cause });
}

/** Decodes header and payload of a compact JWS; the signature segment is checked once `alg` is known. */
function decodeParts(token: string): { header: ProtectedHeaderParameters; payload: JWTPayload; signature: string } {
  const segments = token.split('.');
  const [encodedHeader = '', encodedPayload = '', signature = ''] = segments;
  const wellFormed =
    token.length <= MAX_TOKEN_LENGTH &&
    segments.length === 3 &&
    BASE64URL_SEGMENT.test(encodedHeader) &&
    BASE64URL_SEGMENT.test(encodedPayload);
  if (!wellFormed) {
    reject(OAUTH_REJECTION.malformedToken, 'not a JWT (three base64url segments)');
  }
  try {
    return { header: decodeProtectedHeader(token), payload: decodeJwt(token), signature };
  } catch (cause) {
    return reject(OAUTH_REJECTION.malformedToken, 'JWT header or payload is not a JSON object', cause);
  }
}

/**
 * Refuses an ID token (or any other JWT type) presented as an access token.
 * Detected by an explicit `typ` other than `at+jwt`/`JWT` (RFC 9068 §2.1,
 * RFC 8725 §3.11) or by an ID-token-only claim. An ID token with neither is
 * still refused by the audience check, since its `aud` is the client id.
 */
function assertAccessTokenShape(header: ProtectedHeaderParameters, payload: JWTPayload): void {
  const typ = typeof header.typ === 'string' ? header.typ.toLowerCase().replace(/^application\//, '') : undefined;
  if (typ !== undefined && !ACCESS_TOKEN_TYPES.has(typ)) {
    reject(OAUTH_REJECTION.notAccessToken, `JWT of type "${typ}" is not an access token`);
  }
  const idClaim = ID_TOKEN_CLAIMS.find((claim) => claim in payload);
  if (idClaim) reject(OAUTH_REJECTION.notAccessToken, `an ID token (claim "${idClaim}") is not an access token`);
}

function claimFailure(error: errors.JWTClaimValidationFailed): never {
  switch (error.claim) {
    case 'iss':
      return reject(OAUTH_REJECTION.wrongIssuer, 'token issuer is not the configured issuer', error);
    case 'aud':
      return reject(OAUTH_REJECTION.wrongAudience, 'token audience does not name this server', error);
    case 'exp':
      if (error.reason === 'missing') return reject(OAUTH_REJECTION.missingExpiry, 'token has no exp claim', error);
      return reject(OAUTH_REJECTION.malformedToken, 'token exp claim is invalid', error);
    case 'nbf':
    case 'iat':
      if (error.reason === 'check_failed') return reject(OAUTH_REJECTION.notYetValid, 'token is not valid yet', error);
      return reject(OAUTH_REJECTION.malformedToken, `token ${error.claim} claim is invalid`, error);
    default:
      return reject(OAUTH_REJECTION.malformedToken, `token claim ${error.claim} is invalid`, error);
  }
}

/** Maps jose's errors to rejection reasons; anything else is a server fault and propagates. */
function toAccessTokenError(error: unknown): never {
  if (error instanceof AccessTokenError) throw error;
  if (error instanceof JwksUnavailableError) {
    reject(OAUTH_REJECTION.keysUnavailable, 'token signing key unknown and the issuer keys are unreachable', error);
  }
  if (error instanceof errors.JWTExpired) reject(OAUTH_REJECTION.expired, 'token has expired', error);
  if (error instanceof errors.JWTClaimValidationFailed) claimFailure(error);
  if (error instanceof errors.JOSEAlgNotAllowed) reject(OAUTH_REJECTION.algorithmNotAllowed, 'token algorithm not allowed', error);
  if (error instanceof errors.JWKSNoMatchingKey) reject(OAUTH_REJECTION.unknownKey, 'token signing key is not published by the issuer', error);
  if (error instanceof errors.JWSSignatureVerificationFailed) reject(OAUTH_REJECTION.badSignature, 'token signature is invalid', error);
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported ||
    error instanceof errors.JWKInvalid
  ) {
    reject(OAUTH_REJECTION.malformedToken, 'token is malformed', error);
  }
  throw error;
}

/**
 * When several published keys match (no `kid`, or a reused one), jose throws
 * `JWKSMultipleMatchingKeys` carrying the candidates; try each in turn.
 */
async function verifyWithCandidates(token: string, getKey: JWTVerifyGetKey, options: JWTVerifyOptions) {
  try {
    return await jwtVerify(token, getKey, options);
  } catch (error) {
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    for await (const key of error) {
      try {
        return await jwtVerify(token, key, options);
      } catch (inner) {
        if (!(inner instanceof errors.JWSSignatureVerificationFailed)) throw inner;
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}

/**
 * Validates a JWT access token (RFC 9068 §4, OAuth 2.1 §5.2): an allowed
 * asymmetric algorithm, a signature by a key of the issuer's JWKS, `iss` equal
 * to the issuer, `aud` naming this server (RFC 8707), a required `exp`, and
 * `nbf`/`iat` not in the future, all within `clockToleranceSec`.
 */
export async function verifyAccessToken(token: string, options: VerifyAccessTokenOptions): Promise<AccessTokenClaims> {
  const { header, payload, signature } = decodeParts(token);
  if (typeof header.alg !== 'string' || !(ALLOWED_ALGORITHMS as readonly string[]).includes(header.alg)) {
    reject(OAUTH_REJECTION.algorithmNotAllowed, `token algorithm "${String(header.alg).slice(0, 16)}" is not allowed`);
  }
  if (!BASE64URL_SEGMENT.test(signature)) reject(OAUTH_REJECTION.malformedToken, 'JWT signature segment is missing or not base64url');
  assertAccessTokenShape(header, payload);
  const now = options.now?.() ?? Date.now();
  try {
    const { payload: claims } = await verifyWithCandidates(token, options.getKey, {
      algorithms: [...ALLOWED_ALGORITHMS],
      issuer: options.issuer,
      audience: options.audience,
      requiredClaims: ['exp'],
      clockTolerance: options.clockToleranceSec,
      currentDate: new Date(now),
    });
    if (typeof claims.iat === 'number' && claims.iat > now / 1000 + options.clockToleranceSec) {
      reject(OAUTH_REJECTION.notYetValid, 'token was issued in the future');
    }
    return claims as AccessTokenClaims;
  } catch (error) {
    return toAccessTokenError(error);
  }
}
