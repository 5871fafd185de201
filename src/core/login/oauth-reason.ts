import { ResponseBodyError } from 'openid-client';

/**
 * A short reason for an OAuth failure: the server's `error` and
 * `error_description` (RFC 6749 §5.2) when it sent them, else the error's
 * message. Never contains a token.
 */
export function oauthReason(error: unknown): string {
  if (error instanceof ResponseBodyError) {
    return error.error_description ? `${error.error} (${error.error_description})` : error.error;
  }
  return error instanceof Error ? error.message : String(error);
}
