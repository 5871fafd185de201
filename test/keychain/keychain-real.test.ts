import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { itBehavesLikeASecretStore } from '../../src/core/keychain/testing/secret-store-contract.js';
import {
  secretToolAttributes,
  secretToolLookup,
  secretToolStore,
} from '../support/keyring-secret-tool.js';
import { API_KEY_ACCOUNT, loadOrCreateApiKey, readApiKey, resolveApiKey, rotateApiKey } from '../../src/core/keychain/api-key.js';
import { createKeychainStore, DEFAULT_KEYCHAIN_SERVICE } from '../../src/core/keychain/secret-store.js';

/**
 * Against a real Secret Service (gnome-keyring on a private session bus),
 * checked from the outside with `secret-tool`. scripts/with-keyring.sh sets
 * MCP_TOOLKIT_TEST_KEYRING=1; without it there is no keyring to talk to.
 * Each run files its entries under a fresh service name, so even a desktop
 * keyring would only see (and lose again) test entries.
 */
const hasSecretService = process.env.MCP_TOOLKIT_TEST_KEYRING === '1';
const reason = 'needs a Secret Service: run via `bash scripts/with-keyring.sh npx vitest run`';

describe.skipIf(!hasSecretService)(`keychain store on a real Secret Service (${reason})`, () => {
  const service = `mcp-toolkit-test-${randomUUID()}`;
  const store = () => createKeychainStore({ service, timeoutMs: 10_000 });

  describe('honours the SecretStore contract', () => {
    itBehavesLikeASecretStore(store);
  });

  it('files entries under the attributes service and username, where other tools find them', async () => {
    await store().set('who-sees-this', 'visible to secret-tool');

    expect(await secretToolLookup(service, 'who-sees-this')).toBe('visible to secret-tool');
    expect(await secretToolAttributes(service)).toEqual(
      expect.arrayContaining([`attribute.service = ${service}`, 'attribute.username = who-sees-this']),
    );
    await store().delete('who-sees-this');
  });

  it('reads a secret another Secret Service client stored', async () => {
    await secretToolStore(service, 'written-outside', 'from secret-tool');
    expect(await store().get('written-outside')).toBe('from secret-tool');
    expect(await store().delete('written-outside')).toBe(true);
    expect(await secretToolLookup(service, 'written-outside')).toBeUndefined();
  });

  it('creates the API key once, rotates it, and forgets it on delete', async () => {
    expect(await readApiKey(store())).toBeUndefined();

    const created = await loadOrCreateApiKey(store());
    expect(await secretToolLookup(service, API_KEY_ACCOUNT)).toBe(created);
    expect(await loadOrCreateApiKey(store()), 'a second start reuses the key').toBe(created);

    const rotated = await rotateApiKey(store());
    expect(rotated).not.toBe(created);
    expect(await secretToolLookup(service, API_KEY_ACCOUNT)).toBe(rotated);
    expect(await resolveApiKey({ store: store() })).toEqual({ key: rotated, source: 'keychain' });

    expect(await store().delete(API_KEY_ACCOUNT)).toBe(true);
    expect(await secretToolLookup(service, API_KEY_ACCOUNT)).toBeUndefined();
    expect(await readApiKey(store())).toBeUndefined();
  });

  it('uses the service name "mcp-toolkit" by default', async () => {
    const account = `default-service-check-${randomUUID()}`;
    const defaultStore = createKeychainStore({ timeoutMs: 10_000 });
    await defaultStore.set(account, 'filed under mcp-toolkit');
    try {
      expect(DEFAULT_KEYCHAIN_SERVICE).toBe('mcp-toolkit');
      expect(await secretToolLookup('mcp-toolkit', account)).toBe('filed under mcp-toolkit');
    } finally {
      await defaultStore.delete(account);
    }
  });
});
