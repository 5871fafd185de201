import type { SecretStore } from '../../src/core/keychain/secret-store.js';

/** An in-memory {@link SecretStore} that also lists what it holds, to check every value written. */
export interface ListingSecretStore extends SecretStore {
  /** Account → value, as stored now. */
  entries(): Map<string, string>;
}

export function createListingSecretStore(): ListingSecretStore {
  const secrets = new Map<string, string>();
  return {
    get: async (account) => secrets.get(account),
    set: async (account, secret) => {
      secrets.set(account, secret);
    },
    delete: async (account) => secrets.delete(account),
    entries: () => new Map(secrets),
  };
}
