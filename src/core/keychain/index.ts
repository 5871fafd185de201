export type { SecretStore, KeychainStoreOptions } from './secret-store.js';
export { createKeychainStore, DEFAULT_KEYCHAIN_SERVICE, DEFAULT_KEYCHAIN_TIMEOUT_MS } from './secret-store.js';
export {
  KeychainUnavailableError,
  KEYCHAIN_UNAVAILABLE,
  isKeychainUnavailable,
  type KeychainOperation,
} from './keychain-error.js';
export { createMemorySecretStore, createUnavailableSecretStore } from './memory-secret-store.js';
export {
  API_KEY_ACCOUNT,
  API_KEY_INVALID,
  MIN_API_KEY_LENGTH,
  InvalidApiKeyError,
  generateApiKey,
  readApiKey,
  loadOrCreateApiKey,
  rotateApiKey,
  resolveApiKey,
  validateApiKey,
  type ApiKeySource,
  type ResolvedApiKey,
  type ResolveApiKeyOptions,
} from './api-key.js';
