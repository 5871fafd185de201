import { HttpError } from '../../http/http-error.js';
import { OAUTH_REJECTION } from './reasons.js';

/** RFC 6750 §3 error values. */
type BearerError = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

interface ChallengeParams {
  readonly resourceMetadataUrl: string;
  readonly error?: BearerError;
  readonly description?: string;
  readonly scope?: readonly string[];
}

/** RFC 6750 §3: `error_description` and `scope` may only use %x20-21 / %x23-5B / %x5D-7E. */
function quoted(value: string): string {
  return `"${value.replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, '')}"`;
}

/**
 * The `WWW-Authenticate: Bearer …` value (RFC 6750 §3) with the RFC 9728 §5.1
 * `resource_metadata` parameter, so clients can find the authorization server.
 */
export function bearerChallenge(params: ChallengeParams): string {
  const parts = [`resource_metadata=${quoted(params.resourceMetadataUrl)}`];
  if (params.error) parts.push(`error=${quoted(params.error)}`);
  if (params.description) parts.push(`error_description=${quoted(params.description)}`);
  if (params.scope && params.scope.length > 0) parts.push(`scope=${quoted(params.scope.join(' '))}`);
  return `Bearer ${parts.join(', ')}`;
}

/** Builds the `HttpError`s of oauth mode, all carrying the challenge header. */
export function createChallenges(resourceMetadataUrl: () => string, requiredScopes: readonly string[]) {
  const challenge = (status: number, code: string, message: string, params: Omit<ChallengeParams, 'resourceMetadataUrl'>) =>
    new HttpError(status, code, message, {
      'WWW-Authenticate': bearerChallenge({ resourceMetadataUrl: resourceMetadataUrl(), scope: requiredScopes, ...params }),
    });

  return {
    /** No token sent: 401 without an `error` attribute (RFC 6750 §3.1). */
    missingToken: () =>
      challenge(401, OAUTH_REJECTION.missingToken, 'Missing bearer token: send it in the Authorization header', {}),
    /** The request itself is malformed (RFC 6750 §3.1 `invalid_request`): 400. */
    invalidRequest: (code: string, description: string) =>
      challenge(400, code, description, { error: 'invalid_request', description }),
    /** A token was sent and is not acceptable: 401 `invalid_token`. */
    invalidToken: (code: string, description: string) =>
      challenge(401, code, `Invalid bearer token: ${description}`, { error: 'invalid_token', description }),
    /** The token is valid but lacks scopes: 403 `insufficient_scope` naming them (RFC 6750 §3.1). */
    insufficientScope: (missing: readonly string[]) =>
      challenge(403, OAUTH_REJECTION.insufficientScope, `Token lacks required scope: ${missing.join(' ')}`, {
        error: 'insufficient_scope',
        description: `token lacks required scope: ${missing.join(' ')}`,
        scope: requiredScopes,
      }),
  };
}

export type Challenges = ReturnType<typeof createChallenges>;
