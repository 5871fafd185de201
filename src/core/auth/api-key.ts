import { API_KEY_HEADER } from '../../shared/api-key.js';
import { HttpError } from '../http/http-error.js';
import { clientKeyFor } from '../rate-limit/index.js';
import { createKeyTable, type KeyTable } from './key-table.js';
import type { Authenticator, Principal } from './types.js';

export interface ApiKeyAuthenticatorOptions {
  /** The keys accepted now; read per request, so a reloaded table applies to the next request. */
  readonly keys: () => KeyTable;
  /** Told the name of each accepted key (last-use times); must return at once. */
  readonly onUse?: (name: string) => void;
  /** Stops what keeps the table current (a file watch). */
  readonly close?: () => void;
}

/**
 * `api_key` mode: the client sends one of the named keys in `X-API-Key`. The
 * key is found by its digest and compared in constant time (see
 * `createKeyTable`), so neither a key's content, its length nor the number of
 * keys shows in the timing. The request's principal carries the key's NAME
 * (`key:cursor`, label `cursor`), so each agent has its own rate-limit bucket
 * and its own rows in Activity and the metrics. The key is never echoed.
 * `{ apiKey }` accepts that one key, named `default`.
 */
export function createApiKeyAuthenticator(options: ApiKeyAuthenticatorOptions | { readonly apiKey: string }): Authenticator {
  const resolved = 'apiKey' in options ? singleKey(options.apiKey) : options;
  const principals = new Map<string, Principal>();
  const principalFor = (name: string): Principal => {
    let principal = principals.get(name);
    if (principal === undefined) {
      principal = { clientKey: `key:${name}`, label: name };
      principals.set(name, principal);
    }
    return principal;
  };

  return {
    mode: 'api_key',
    async authenticate({ headers }) {
      const presented = headers.get(API_KEY_HEADER);
      if (presented === null || presented === '') {
        throw new HttpError(401, 'AUTH_MISSING_KEY', `Missing API key: send it in the ${API_KEY_HEADER} header`);
      }
      const name = resolved.keys().match(presented);
      if (name === undefined) throw new HttpError(401, 'AUTH_INVALID_KEY', 'Invalid API key');
      resolved.onUse?.(name);
      return principalFor(name);
    },
    ...(resolved.close !== undefined ? { close: resolved.close } : {}),
  };
}

function singleKey(apiKey: string): ApiKeyAuthenticatorOptions {
  if (apiKey.length === 0) throw new Error('api_key mode needs a non-empty API key');
  const table = createKeyTable([{ name: 'default', value: apiKey }]);
  return { keys: () => table };
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
