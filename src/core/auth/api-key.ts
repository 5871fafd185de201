import { API_KEY_HEADER } from '../../shared/api-key.js';
import { HttpError } from '../http/http-error.js';
import { clientKeyFor, maskedLabel } from '../rate-limit/index.js';
import { secretsMatch } from './secrets-match.js';
import type { Authenticator, Principal } from './types.js';


/**
 * `api_key` mode: the client sends the key in `X-API-Key`. The check is `secretsMatch`
 * (constant time), so neither the key's content nor its length leaks through
 * timing. The key is never echoed.
 */
export function createApiKeyAuthenticator(options: { apiKey: string }): Authenticator {
  if (options.apiKey.length === 0) throw new Error('api_key mode needs a non-empty API key');
  const clientKey = clientKeyFor('key', options.apiKey);
  const principal: Principal = { clientKey, label: maskedLabel(clientKey) };

  return {
    mode: 'api_key',
    async authenticate({ headers }) {
      const presented = headers.get(API_KEY_HEADER);
      if (presented === null || presented === '') {
        throw new HttpError(401, 'AUTH_MISSING_KEY', `Missing API key: send it in the ${API_KEY_HEADER} header`);
      }
      if (!secretsMatch(presented, options.apiKey)) {
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
