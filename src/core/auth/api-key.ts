import { hash, timingSafeEqual } from 'node:crypto';
import { HttpError } from '../http/http-error.js';
import { clientKeyFor, maskedLabel } from '../rate-limit/index.js';
import type { Authenticator, Principal } from './types.js';

/** Header clients send the key in. */
export const API_KEY_HEADER = 'x-api-key';

function sha256(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}

/**
 * `api_key` mode: the client sends `X-API-Key`. The check compares SHA-256
 * digests with `timingSafeEqual` (fixed length, constant time), so neither the
 * key's content nor its length leaks through timing. The key is never echoed.
 */
export function createApiKeyAuthenticator(options: { apiKey: string }): Authenticator {
  if (options.apiKey.length === 0) throw new Error('api_key mode needs a non-empty API key');
  const expected = sha256(options.apiKey);
  const clientKey = clientKeyFor('key', options.apiKey);
  const principal: Principal = { clientKey, label: maskedLabel(clientKey) };

  return {
    mode: 'api_key',
    async authenticate({ headers }) {
      const presented = headers.get(API_KEY_HEADER);
      if (presented === null || presented === '') {
        throw new HttpError(401, 'AUTH_MISSING_KEY', 'Missing API key: send it in the X-API-Key header');
      }
      if (!timingSafeEqual(sha256(presented), expected)) {
        throw new HttpError(401, 'AUTH_INVALID_KEY', 'Invalid API key');
      }
      return principal;
    },
  };
}

/** `none` mode: every request is let through and known by its remote address. */
export function createOpenAuthenticator(): Authenticator {
  return {
    mode: 'none',
    async authenticate({ remoteAddress }) {
      const clientKey = clientKeyFor('ip', remoteAddress);
      return { clientKey, label: clientKey };
    },
  };
}
