/**
 * Runtime checks of the `logins.*` call requests (see `contract-requests.ts`):
 * each names one remote server by its upstream name; unknown properties are dropped.
 */
import type { CallName, CallRequest } from './contract.js';
import { UPSTREAM_NAME } from './gateway-types.js';
import { isPlainObject } from './plain-object.js';
import { fail, ok, type Result } from './result.js';

type LoginsServerCallName = Exclude<Extract<CallName, `logins.${string}`>, 'logins.list'>;
type Parser<K extends CallName> = (value: unknown) => Result<CallRequest<K>>;

function parseServerRequest(value: unknown): Result<{ server: string }> {
  return isPlainObject(value) && typeof value.server === 'string' && UPSTREAM_NAME.test(value.server)
    ? ok({ server: value.server })
    : fail('BAD_REQUEST', 'expected { server } with a server name (lower-case letters, digits and "-", at most 32)');
}

export const LOGINS_PARSERS: { [K in LoginsServerCallName]: Parser<K> } = {
  'logins.signIn': parseServerRequest,
  'logins.cancel': parseServerRequest,
  'logins.signOut': parseServerRequest,
};
