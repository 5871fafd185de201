import { describe, expect, it } from 'vitest';
import { itBehavesLikeASecretStore } from './testing/secret-store-contract.js';
import { createMemorySecretStore, createUnavailableSecretStore } from './memory-secret-store.js';

describe('memory secret store (for tests of other modules)', () => {
  itBehavesLikeASecretStore(() => createMemorySecretStore());

  it('starts with the secrets it was given', async () => {
    const store = createMemorySecretStore({ 'api-key': 'preloaded-key-value' });
    expect(await store.get('api-key')).toBe('preloaded-key-value');
  });
});

describe('unavailable secret store (a machine without a keychain)', () => {
  it('rejects every operation with KEYCHAIN_UNAVAILABLE', async () => {
    const store = createUnavailableSecretStore();
    for (const run of [() => store.get('a'), () => store.set('a', 'secret'), () => store.delete('a')]) {
      await expect(run()).rejects.toMatchObject({ name: 'KeychainUnavailableError', code: 'KEYCHAIN_UNAVAILABLE' });
    }
  });
});
