import { randomBytes } from 'node:crypto';
import { API_KEY_ENV_VAR } from '../../shared/api-key.js';
import { isKeychainUnavailable } from './keychain-error.js';
import type { SecretStore } from './secret-store.js';

/** Keychain account under which the server's API key is stored. */
export const API_KEY_ACCOUNT = 'api-key';
/**
 * Shortest API key accepted from {@link API_KEY_ENV_VAR}. A generated key has
 * 43 characters (256 bits); 16 is a floor against typos and toy values like
 * "test", not a recommendation.
 */
export const MIN_API_KEY_LENGTH = 16;
/** Stable code carried by {@link InvalidApiKeyError}. */
export const API_KEY_INVALID = 'API_KEY_INVALID';

/** Advice added to a keychain failure where the server needs an API key. */
export const KEYCHAIN_HINT = `Set ${API_KEY_ENV_VAR} to an API key (at least ${MIN_API_KEY_LENGTH} characters) to run without a keychain.`;

/** An API key from the environment that the server refuses to use. The message never contains the key. */
export class InvalidApiKeyError extends Error {
  override readonly name = 'InvalidApiKeyError';
  readonly code = API_KEY_INVALID;
}

/** Where {@link resolveApiKey} found the key. */
export type ApiKeySource = 'env' | 'keychain';

export interface ResolvedApiKey {
  readonly key: string;
  readonly source: ApiKeySource;
}

/** A fresh API key: 32 random bytes (256 bits) as unpadded base64url (RFC 4648 §5), 43 characters. */
export function generateApiKey(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored API key, or `undefined` when none has been created yet. */
export async function readApiKey(store: SecretStore): Promise<string | undefined> {
  const stored = await withKeychainHint(store.get(API_KEY_ACCOUNT));
  return stored === '' ? undefined : stored;
}

/**
 * The stored API key; on first use a new one is generated and stored.
 * Two processes creating it at the same moment can both write; the last
 * write wins and the other process holds a key that no longer matches
 * (rare: the first start creates it once).
 */
export async function loadOrCreateApiKey(store: SecretStore): Promise<string> {
  const existing = await readApiKey(store);
  if (existing !== undefined) return existing;
  return storeNewKey(store);
}

/** Replaces the stored API key with a new one and returns it; the old key stops working for whoever reads the store next. */
export async function rotateApiKey(store: SecretStore): Promise<string> {
  return storeNewKey(store);
}

export interface ResolveApiKeyOptions {
  /** The value of {@link API_KEY_ENV_VAR}, if any (pass `process.env.MCP_API_KEY`). */
  readonly envKey?: string | undefined;
  readonly store: SecretStore;
}

/**
 * The API key the server should require.
 * - {@link API_KEY_ENV_VAR}, when set to something other than blanks, wins.
 *   Surrounding whitespace is trimmed (as HTTP trims header values, RFC 9110
 *   §5.5); the rest must be at least {@link MIN_API_KEY_LENGTH} visible ASCII
 *   characters without spaces, else {@link InvalidApiKeyError}. The keychain
 *   is then not touched at all.
 * - Otherwise the keychain's key, created on first use.
 * - With no keychain either: {@link KeychainUnavailableError} whose message
 *   says to set {@link API_KEY_ENV_VAR}.
 */
export async function resolveApiKey(options: ResolveApiKeyOptions): Promise<ResolvedApiKey> {
  const envKey = options.envKey?.trim() ?? '';
  if (envKey !== '') return { key: validateApiKey(envKey), source: 'env' };
  return { key: await loadOrCreateApiKey(options.store), source: 'keychain' };
}

/** Returns `key` when it is acceptable as an API key, else throws {@link InvalidApiKeyError}. */
export function validateApiKey(key: string): string {
  if (key.length < MIN_API_KEY_LENGTH) {
    throw new InvalidApiKeyError(
      `${API_KEY_ENV_VAR} is too short (${key.length} characters); use at least ${MIN_API_KEY_LENGTH}, ` +
        'for example the output of `openssl rand -base64 32`.',
    );
  }
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw new InvalidApiKeyError(
      `${API_KEY_ENV_VAR} contains spaces or characters outside visible ASCII; it must fit in an HTTP header unchanged.`,
    );
  }
  return key;
}

async function storeNewKey(store: SecretStore): Promise<string> {
  const key = generateApiKey();
  await withKeychainHint(store.set(API_KEY_ACCOUNT, key));
  return key;
}

/** Adds "set MCP_API_KEY instead" to a keychain failure. */
async function withKeychainHint<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    if (isKeychainUnavailable(error)) throw error.withHint(KEYCHAIN_HINT);
    throw error;
  }
}
