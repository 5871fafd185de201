import { loadOrCreateApiKey, readApiKey, rotateApiKey, validateApiKey, type SecretStore } from '../core/keychain/index.js';
import { maskSecret } from '../shared/mask.js';
import { toAppError } from '../shared/result.js';
import type { ApiKeyStatus } from '../shared/view-types.js';
import { API_KEY_FROM_ENV, ControllerError } from './controller-error.js';

export interface ApiKeyActions {
  status(): Promise<ApiKeyStatus>;
  /** The key itself, created on first use; only for an explicit reveal or copy. */
  secret(): Promise<string>;
  /** Replaces the keychain key; refused when `MCP_API_KEY` supplies the key. */
  regenerate(): Promise<ApiKeyStatus>;
}

/**
 * The API key as the UI handles it: masked by default, the secret only on
 * request. `MCP_API_KEY` (when set) wins over the keychain, as in the server.
 */
export function createApiKeyActions(store: SecretStore, envKey: string | undefined): ApiKeyActions {
  const fromEnv = envKey?.trim() ? envKey.trim() : undefined;

  return {
    async status() {
      if (fromEnv) return { source: 'env', masked: maskSecret(fromEnv) };
      try {
        const key = await readApiKey(store);
        return key ? { source: 'keychain', masked: maskSecret(key) } : { source: 'none', masked: null };
      } catch (error) {
        return { source: 'none', masked: null, error: toAppError(error, 'KEYCHAIN_UNAVAILABLE') };
      }
    },
    async secret() {
      return fromEnv ? validateApiKey(fromEnv) : loadOrCreateApiKey(store);
    },
    async regenerate() {
      if (fromEnv) {
        throw new ControllerError(API_KEY_FROM_ENV, 'The API key comes from MCP_API_KEY; change that variable to replace it.');
      }
      const key = await rotateApiKey(store);
      return { source: 'keychain', masked: maskSecret(key) };
    },
  };
}
