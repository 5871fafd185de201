/** Stable code carried by {@link KeychainUnavailableError}. */
export const KEYCHAIN_UNAVAILABLE = 'KEYCHAIN_UNAVAILABLE';

/** The secret-store operation that failed. */
export type KeychainOperation = 'get' | 'set' | 'delete';

export interface KeychainUnavailableDetails {
  readonly operation: KeychainOperation;
  readonly service: string;
  readonly account: string;
  /** Short technical reason (the platform's error text); never contains a secret. */
  readonly reason: string;
  /** Optional advice appended to the message, e.g. how to avoid the keychain. */
  readonly hint?: string;
  readonly cause?: unknown;
}

const VERB: Record<KeychainOperation, string> = {
  get: 'read',
  set: 'store',
  delete: 'delete',
};

/**
 * No OS keychain answered: on Linux no Secret Service (gnome-keyring, KWallet…)
 * is reachable on the session bus, or it refused or timed out; on macOS /
 * Windows the Keychain / Credential Manager call failed. The store never
 * falls back to a weaker place silently, so callers see this instead.
 */
export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
  readonly code = KEYCHAIN_UNAVAILABLE;
  readonly operation: KeychainOperation;
  readonly service: string;
  readonly account: string;
  readonly reason: string;
  readonly hint: string | undefined;

  constructor(details: KeychainUnavailableDetails) {
    const { operation, service, account, reason, hint } = details;
    const message =
      `No OS keychain answered: could not ${VERB[operation]} "${account}" in service "${service}" (${reason}).` +
      (hint ? ` ${hint}` : '');
    super(message, { cause: details.cause });
    this.operation = operation;
    this.service = service;
    this.account = account;
    this.reason = reason;
    this.hint = hint;
  }

  /** The same failure with advice added (used by callers that know a way around it). */
  withHint(hint: string): KeychainUnavailableError {
    return new KeychainUnavailableError({ ...this.details(), hint, cause: this.cause });
  }

  private details(): KeychainUnavailableDetails {
    return { operation: this.operation, service: this.service, account: this.account, reason: this.reason };
  }
}

/** True when `error` means no OS keychain answered. */
export function isKeychainUnavailable(error: unknown): error is KeychainUnavailableError {
  return error instanceof KeychainUnavailableError;
}
