import { BoundedFetchError } from '../http/bounded-fetch.js';

/**
 * A short reason for an OAuth failure: the server's `error` and
 * `error_description` (RFC 6749 §5.2) when it sent them, else the error's
 * message. Never contains a token.
 */
export function oauthReason(error: unknown): string {
  // openid-client's ResponseBodyError, recognised by shape so that module loads only when a sign-in needs it.
  if (isOAuthErrorBody(error)) return error.error_description ? `${error.error} (${error.error_description})` : error.error;
  // openid-client wraps what its fetch throws in "something went wrong"; the cause says what.
  if (error instanceof Error && error.cause instanceof BoundedFetchError) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}

function isOAuthErrorBody(error: unknown): error is Error & { error: string; error_description?: string } {
  return error instanceof Error && error.name === 'ResponseBodyError' && typeof (error as { error?: unknown }).error === 'string';
}
