import type { SecretStore } from '../keychain/index.js';
import { issuerKey } from './issuer-url.js';
import { LoginError } from './login-error.js';
import { parseStoredSession, type StoredSession } from './stored-session.js';

/**
 * Keychain layout (service `mcp-toolkit`):
 * - `oauth:<issuer>` holds one {@link StoredSession} as JSON;
 * - `oauth:default` holds the issuer of the last sign-in, so `token`,
 *   `logout` and `whoami` work without `--issuer`.
 * The issuer in the account name has no trailing slash ({@link issuerKey}).
 */
export const DEFAULT_SESSION_ACCOUNT = 'oauth:default';

export function sessionAccount(issuer: string): string {
  return `oauth:${issuerKey(issuer)}`;
}

/** Stores the session and makes its issuer the default. */
export async function saveSession(store: SecretStore, session: StoredSession): Promise<void> {
  await keychain(() => store.set(sessionAccount(session.issuer), JSON.stringify(session)));
  await keychain(() => store.set(DEFAULT_SESSION_ACCOUNT, issuerKey(session.issuer)));
}

/** Replaces a session's tokens without touching the default pointer (after a refresh). */
export async function updateSession(store: SecretStore, session: StoredSession): Promise<void> {
  await keychain(() => store.set(sessionAccount(session.issuer), JSON.stringify(session)));
}

/** The issuer to act on: the given one, else the default; `NOT_SIGNED_IN` when neither exists. */
export async function resolveIssuer(store: SecretStore, issuer?: string): Promise<string> {
  if (issuer) return issuerKey(issuer);
  const fallback = await keychain(() => store.get(DEFAULT_SESSION_ACCOUNT));
  if (!fallback) throw new LoginError('NOT_SIGNED_IN', 'Not signed in. Run `mcp-toolkit login` first.');
  return fallback;
}

/** The stored session for `issuer` (default: the last sign-in); `NOT_SIGNED_IN` when there is none. */
export async function loadSession(store: SecretStore, issuer?: string): Promise<StoredSession> {
  const key = await resolveIssuer(store, issuer);
  const json = await keychain(() => store.get(sessionAccount(key)));
  const session = json === undefined ? undefined : parseStoredSession(json);
  if (!session) {
    throw new LoginError('NOT_SIGNED_IN', `Not signed in to ${key}. Run \`mcp-toolkit login --issuer ${key}\` first.`);
  }
  return session;
}

/**
 * Deletes the session for `issuer` (default: the last sign-in) and, when it
 * was the default, the default pointer. Returns the issuer whose session was
 * deleted, or `undefined` when there was nothing to delete.
 */
export async function deleteSession(store: SecretStore, issuer?: string): Promise<string | undefined> {
  const fallback = await keychain(() => store.get(DEFAULT_SESSION_ACCOUNT));
  const key = issuer ? issuerKey(issuer) : fallback;
  if (!key) return undefined;
  const deleted = await keychain(() => store.delete(sessionAccount(key)));
  if (fallback === key) await keychain(() => store.delete(DEFAULT_SESSION_ACCOUNT));
  return deleted ? key : undefined;
}

/** Wraps keychain failures as `STORE_FAILED`, keeping the keychain's own message (it never holds a secret). */
async function keychain<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new LoginError('STORE_FAILED', error instanceof Error ? error.message : String(error), { cause: error });
  }
}
