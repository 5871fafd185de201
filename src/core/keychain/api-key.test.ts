import { describe, expect, it } from 'vitest';
import {
  API_KEY_ACCOUNT,
  generateApiKey,
  InvalidApiKeyError,
  loadOrCreateApiKey,
  readApiKey,
  resolveApiKey,
  rotateApiKey,
} from './api-key.js';
import { KeychainUnavailableError } from './keychain-error.js';
import { createMemorySecretStore, createUnavailableSecretStore } from './memory-secret-store.js';

describe('generateApiKey', () => {
  it('makes 256-bit keys in unpadded base64url that never repeat', () => {
    const keys = Array.from({ length: 50 }, generateApiKey);
    for (const key of keys) {
      expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the API key in the keychain', () => {
  it('does not exist until first use, then is created once and reused', async () => {
    const store = createMemorySecretStore();
    expect(await readApiKey(store)).toBeUndefined();

    const first = await loadOrCreateApiKey(store);
    expect(await store.get(API_KEY_ACCOUNT)).toBe(first);
    expect(await loadOrCreateApiKey(store)).toBe(first);
    expect(await readApiKey(store)).toBe(first);
  });

  it('treats an empty stored value as no key and replaces it', async () => {
    const store = createMemorySecretStore({ [API_KEY_ACCOUNT]: '' });
    expect(await readApiKey(store)).toBeUndefined();
    expect(await loadOrCreateApiKey(store)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('rotates to a new key that replaces the old one', async () => {
    const store = createMemorySecretStore();
    const old = await loadOrCreateApiKey(store);
    const rotated = await rotateApiKey(store);
    expect(rotated).not.toBe(old);
    expect(await loadOrCreateApiKey(store)).toBe(rotated);
  });

  it('says how to run without a keychain when none answers', async () => {
    const store = createUnavailableSecretStore();
    for (const run of [() => readApiKey(store), () => loadOrCreateApiKey(store), () => rotateApiKey(store)]) {
      const error = await run().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(KeychainUnavailableError);
      expect(error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', account: API_KEY_ACCOUNT });
      expect((error as Error).message).toMatch(/^No OS keychain answered: .* Set MCP_API_KEY /);
    }
  });
});

describe('resolveApiKey', () => {
  const envKey = 'an-env-key-of-good-length-42';

  it('uses MCP_API_KEY when set, without touching the keychain', async () => {
    await expect(resolveApiKey({ envKey, store: createUnavailableSecretStore() })).resolves.toEqual({
      key: envKey,
      source: 'env',
    });
    const store = createMemorySecretStore();
    await resolveApiKey({ envKey, store });
    expect(await store.get(API_KEY_ACCOUNT), 'nothing was created in the keychain').toBeUndefined();
  });

  it('trims surrounding whitespace, as HTTP does with header values', async () => {
    const resolved = await resolveApiKey({ envKey: `  ${envKey}\n`, store: createMemorySecretStore() });
    expect(resolved.key).toBe(envKey);
  });

  it('falls back to the keychain key when MCP_API_KEY is unset or blank', async () => {
    const store = createMemorySecretStore();
    const fromKeychain = await resolveApiKey({ store });
    expect(fromKeychain.source).toBe('keychain');
    expect(await store.get(API_KEY_ACCOUNT)).toBe(fromKeychain.key);
    expect(await resolveApiKey({ envKey: '   ', store })).toEqual(fromKeychain);
  });

  it('refuses a short MCP_API_KEY without echoing it', async () => {
    const error = await resolveApiKey({ envKey: 'hunter2', store: createMemorySecretStore() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidApiKeyError);
    expect(error).toMatchObject({ code: 'API_KEY_INVALID' });
    expect((error as Error).message).toContain('at least 16');
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('accepts a key of exactly the minimum length', async () => {
    const sixteen = 'abcdefghijklmnop';
    await expect(resolveApiKey({ envKey: sixteen, store: createMemorySecretStore() })).resolves.toMatchObject({
      key: sixteen,
    });
  });

  it('refuses a key that would not survive an HTTP header', async () => {
    for (const bad of ['has inner space 0123456789', 'non-ascii-ключ-0123456789', 'tab\tinside-0123456789']) {
      const error = await resolveApiKey({ envKey: bad, store: createMemorySecretStore() }).catch((e: unknown) => e);
      expect(error, JSON.stringify(bad)).toMatchObject({ code: 'API_KEY_INVALID' });
      expect((error as Error).message).not.toContain(bad);
    }
  });

  it('fails with KEYCHAIN_UNAVAILABLE and the MCP_API_KEY advice when neither source works', async () => {
    await expect(resolveApiKey({ store: createUnavailableSecretStore() })).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: expect.stringContaining('Set MCP_API_KEY'),
    });
  });
});
