import { watch, type FSWatcher } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { withKeyIndexLock } from '../keys/key-index.js';
import type { SecretStore } from '../keychain/secret-store.js';
import { openLoginIndex, sameEntry, type LoginIndex, type LoginIndexChange, type LoginIndexEntry } from './login-index.js';
import { deleteStoredLogin, readStoredLogin, scopesOf, writeStoredLogin, type StoredUpstreamLogin } from './stored-login.js';

/** Long enough to see an atomic save (temp file, rename) as one change. */
export const LOGIN_INDEX_DEBOUNCE_MS = 100;

export interface LoginBookOptions {
  readonly secrets: SecretStore;
  readonly indexFile: string;
  readonly now: () => number;
  readonly log: (line: string) => void;
}

/** The index entry of a stored sign-in. */
function signedInEntry(login: StoredUpstreamLogin, updatedAt: number): LoginIndexEntry {
  return {
    state: 'signed-in',
    issuer: login.issuer,
    ...(login.subject ? { subject: login.subject } : {}),
    scopes: scopesOf(login.tokens.scope),
    ...(login.expiresAt !== undefined ? { expiresAt: login.expiresAt } : {}),
    updatedAt,
  };
}

/**
 * The sign-ins of remote servers as this process keeps them: the keychain
 * entries (cached while the index is watched) and the index file, written
 * together, and one change event for both this process's changes and other
 * processes' (seen through the index file). A sign-in found in the keychain
 * without an index entry (the index was corrupt and set aside) gets its
 * entry back when read; a damaged one reads as none and marks the server
 * `needs-sign-in` with the reason.
 */
export interface LoginBook {
  read(name: string): Promise<StoredUpstreamLogin | undefined>;
  /** Stores a sign-in (new or refreshed) and marks the server `signed-in`. */
  save(name: string, login: StoredUpstreamLogin): Promise<void>;
  /** Marks the server `needs-sign-in` with `reason`; `dropTokens` also deletes its tokens from the keychain. */
  needsSignIn(name: string, reason: string, options?: { dropTokens?: boolean }): Promise<void>;
  /** Deletes the server's tokens and index entry. */
  forget(name: string): Promise<void>;
  /**
   * Runs `refresh` with the sign-in as the keychain holds it now (not as
   * cached), while no other process refreshes the same server: a refresh
   * token may be single-use, so two processes (the app and an agent's own
   * `mcp-toolkit stdio`) must not both spend it, and the one that comes
   * second finds the tokens the first one saved.
   */
  refreshing<T>(name: string, refresh: (current: StoredUpstreamLogin | undefined) => Promise<T>): Promise<T>;
  entry(name: string): Promise<LoginIndexEntry | undefined>;
  onChange(listener: (name: string) => void): () => void;
  /** Keeps the cache valid from now on (watches the index), until `close()`. */
  watch(): void;
  close(): void;
}

export function createLoginBook({ secrets, indexFile, now, log }: LoginBookOptions): LoginBook {
  const index = openLoginIndex({ file: indexFile, log });
  const listeners = new Set<(name: string) => void>();
  const cache = new Map<string, StoredUpstreamLogin | undefined>();
  let snapshot: LoginIndex | undefined;
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let keepWatching = false;

  const notify = (name: string): void => {
    for (const listener of [...listeners]) {
      try {
        listener(name);
      } catch (error) {
        log(`[upstream-login] a sign-in change listener failed: ${(error as Error).message}`);
      }
    }
  };

  /** Another process may have changed the file: compare with what we last knew, drop stale cache entries, tell listeners. */
  const reconcile = async (): Promise<void> => {
    const before = snapshot ?? new Map<string, LoginIndexEntry>();
    const after = await index.read();
    snapshot = after;
    for (const name of new Set([...before.keys(), ...after.keys()])) {
      if (sameEntry(before.get(name), after.get(name))) continue;
      cache.delete(name);
      notify(name);
    }
  };

  function startWatching(): void {
    if (watcher) return;
    try {
      mkdirSync(dirname(indexFile), { recursive: true, mode: 0o700 });
      void index.read().then((read) => (snapshot ??= read), () => undefined);
      watcher = watch(dirname(indexFile), { persistent: false }, (_event, changed) => {
        if (changed !== null && changed.toString() !== basename(indexFile)) return;
        clearTimeout(timer);
        timer = setTimeout(() => void reconcile().catch(() => undefined), LOGIN_INDEX_DEBOUNCE_MS);
        timer.unref();
      });
      watcher.on('error', (error) => {
        log(`[upstream-login] stopped watching ${indexFile}: ${error.message}; sign-ins made by another process are seen after a restart`);
        stopWatching();
      });
    } catch (error) {
      log(`[upstream-login] sign-ins made by another process are seen after a restart: cannot watch ${dirname(indexFile)} (${(error as Error).message})`);
    }
  }

  function stopWatching(): void {
    clearTimeout(timer);
    watcher?.close();
    watcher = undefined;
    cache.clear();
  }

  /** Changes the index entry and remembers it, so the watcher does not report our own change again. */
  async function writeEntry(name: string, change: LoginIndexChange): Promise<void> {
    const { index: written, changed } = await index.update(name, change);
    if (!changed) return;
    const current = written.get(name);
    if (snapshot && current) snapshot.set(name, current);
    else snapshot?.delete(name);
    notify(name);
  }

  /** Marks `needs-sign-in` with `reason`, keeping what the entry knew of the account (written only if it changes). */
  async function markNeedsSignIn(name: string, reason: string): Promise<void> {
    await writeEntry(name, (previous) =>
      previous?.state === 'needs-sign-in' && previous.reason === reason
        ? previous
        : {
            state: 'needs-sign-in',
            reason,
            ...(previous?.issuer ? { issuer: previous.issuer } : {}),
            ...(previous?.subject ? { subject: previous.subject } : {}),
            scopes: previous?.scopes ?? [],
            updatedAt: now(),
          },
    );
  }

  /** Gives a sign-in found in the keychain its index entry back when it has none (checked again under the lock). */
  async function restoreEntry(name: string): Promise<void> {
    if ((await index.read()).has(name)) return;
    await writeEntry(name, async (current) => {
      if (current) return current;
      const again = await readStoredLogin(secrets, name);
      return again.kind === 'found' ? signedInEntry(again.login, now()) : undefined;
    });
  }

  async function readLogin(name: string): Promise<StoredUpstreamLogin | undefined> {
    const found = await readStoredLogin(secrets, name);
    if (found.kind === 'found') {
      await restoreEntry(name);
      return found.login;
    }
    if (found.kind === 'damaged') {
      const entry = (await index.read()).get(name);
      if (entry?.reason !== found.problem) log(`[upstream-login] ${name}: ${found.problem}; it reads as signed out until the next sign-in`);
      await markNeedsSignIn(name, found.problem);
    }
    return undefined;
  }

  return {
    async read(name) {
      if (watcher && cache.has(name)) return cache.get(name);
      const login = await readLogin(name);
      if (watcher) cache.set(name, login);
      return login;
    },
    async save(name, login) {
      await writeStoredLogin(secrets, name, login);
      if (watcher) cache.set(name, login);
      await writeEntry(name, () => signedInEntry(login, now()));
    },
    async needsSignIn(name, reason, options = {}) {
      if (options.dropTokens) {
        await deleteStoredLogin(secrets, name);
        cache.delete(name);
      }
      await markNeedsSignIn(name, reason);
    },
    async forget(name) {
      await deleteStoredLogin(secrets, name);
      cache.delete(name);
      await writeEntry(name, () => undefined);
    },
    refreshing(name, refresh) {
      // One lock file per server next to the index (server names are [a-z0-9-]).
      return withKeyIndexLock(join(dirname(indexFile), `refresh-${name}`), async () => {
        const found = await readStoredLogin(secrets, name);
        const current = found.kind === 'found' ? found.login : undefined;
        if (watcher) cache.set(name, current);
        return refresh(current);
      });
    },
    async entry(name) {
      return (await index.read()).get(name);
    },
    onChange(listener) {
      listeners.add(listener);
      startWatching();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && !keepWatching) stopWatching();
      };
    },
    watch() {
      keepWatching = true;
      startWatching();
    },
    close() {
      keepWatching = false;
      listeners.clear();
      stopWatching();
    },
  };
}
