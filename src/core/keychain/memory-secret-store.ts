import { KeychainUnavailableError } from './keychain-error.js';
import type { SecretStore } from './secret-store.js';

/**
 * FOR TESTS AND INJECTION ONLY: a {@link SecretStore} that keeps secrets in
 * this process's memory, so they are gone when it exits. Use it in unit
 * tests of modules that take a `SecretStore`; production code uses
 * `createKeychainStore()`.
 */
export function createMemorySecretStore(initial: Readonly<Record<string, string>> = {}): SecretStore {
  const secrets = new Map(Object.entries(initial));
  return {
    get: async (account) => secrets.get(account),
    set: async (account, secret) => {
      secrets.set(account, secret);
    },
    delete: async (account) => secrets.delete(account),
  };
}

/**
 * FOR TESTS AND INJECTION ONLY: a {@link SecretStore} that behaves like a
 * machine without any OS keychain: every call rejects with
 * {@link KeychainUnavailableError}.
 */
export function createUnavailableSecretStore(service = 'mcp-toolkit'): SecretStore {
  const fail = (operation: 'get' | 'set' | 'delete', account: string) =>
    Promise.reject(new KeychainUnavailableError({ operation, service, account, reason: 'no keychain in this test' }));
  return {
    get: (account) => fail('get', account),
    set: (account) => fail('set', account),
    delete: (account) => fail('delete', account),
  };
}
