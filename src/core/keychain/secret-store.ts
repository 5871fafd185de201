import type { AsyncEntry, EntryOptions } from '@napi-rs/keyring';
import { KeychainUnavailableError, type KeychainOperation } from './keychain-error.js';
import { withTimeout } from './with-timeout.js';

/**
 * A place to keep small secrets by account name, scoped to one service.
 * The OS keychain implements it in production ({@link createKeychainStore});
 * tests and other hosts can inject another one (see `memory-secret-store.ts`).
 */
export interface SecretStore {
  /** The secret stored for `account`, or `undefined` when there is none. */
  get(account: string): Promise<string | undefined>;
  /** Stores (or replaces) the secret for `account`. */
  set(account: string, secret: string): Promise<void>;
  /** Removes the secret; `true` if one was deleted, `false` if there was none. */
  delete(account: string): Promise<boolean>;
}

export interface KeychainStoreOptions {
  /** Service name the entries are filed under (Secret Service attribute `service`). */
  readonly service?: string;
  /**
   * How long one keychain call may take before it fails with
   * {@link KeychainUnavailableError}. A locked keyring with a desktop session
   * shows an unlock prompt, so leave time for a person to answer it.
   */
  readonly timeoutMs?: number;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'mcp-toolkit';
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 60_000;

/**
 * On Linux, pin every entry to the freedesktop Secret Service
 * (https://specifications.freedesktop.org/secret-service/). Without this,
 * `@napi-rs/keyring` silently falls back to the kernel keyring when no Secret
 * Service answers, and secrets would vanish at logout. Ignored on macOS/Windows.
 */
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

/**
 * A {@link SecretStore} over the OS keychain (macOS Keychain, Windows
 * Credential Manager, Linux Secret Service) through `@napi-rs/keyring`.
 * Every failure, including "no keychain on this machine" and a call that
 * does not answer within `timeoutMs`, rejects with
 * {@link KeychainUnavailableError}; nothing is ever kept elsewhere instead.
 * Secrets are never logged or put into error messages.
 */
export function createKeychainStore(options: KeychainStoreOptions = {}): SecretStore {
  const service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
  const timeoutMs = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;

  async function call<T>(operation: KeychainOperation, account: string, run: (entry: AsyncEntry) => Promise<T>) {
    assertAccountName(account);
    try {
      // The constructor already connects to the platform store (synchronously, on this
      // thread) and throws when it is missing; `timeoutMs` bounds only the call after it.
      const { AsyncEntry } = await loadKeyring();
      return await withTimeout(run(new AsyncEntry(service, account, ENTRY_OPTIONS)), timeoutMs);
    } catch (cause) {
      throw new KeychainUnavailableError({ operation, service, account, reason: describe(cause), cause });
    }
  }

  return {
    get: (account) => call('get', account, async (entry) => (await entry.getPassword()) ?? undefined),
    set: (account, secret) => call('set', account, (entry) => entry.setPassword(secret)),
    delete: (account) => call('delete', account, (entry) => entry.deleteCredential()),
  };
}

/** The native keychain module, loaded on first use: a server that never needs a secret never pays its memory. */
let keyring: Promise<typeof import('@napi-rs/keyring')> | undefined;
function loadKeyring(): Promise<typeof import('@napi-rs/keyring')> {
  keyring ??= import('@napi-rs/keyring');
  return keyring;
}

function assertAccountName(account: string): void {
  if (account.length === 0) throw new TypeError('A keychain account name must not be empty.');
}

/** The platform's error text; keyring errors name the store and the failure, never the secret. */
function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
