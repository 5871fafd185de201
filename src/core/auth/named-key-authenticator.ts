import { watchKeyIndex } from '../keys/index-changes.js';
import { DEFAULT_KEY_NAME, ENV_KEY_NAME, KEY_NOT_FOUND, NamedKeyError } from '../keys/key-names.js';
import type { NamedKeys } from '../keys/named-keys.js';
import { createApiKeyAuthenticator } from './api-key.js';
import { createKeyTable } from './key-table.js';
import type { Authenticator } from './types.js';

/** Last-use times reach the index at most this often (never on a request's path). */
export const LAST_USE_WRITE_INTERVAL_MS = 60_000;

export interface NamedKeyAuthenticatorOptions {
  readonly keys: NamedKeys;
  readonly log: (line: string) => void;
  readonly lastUseIntervalMs?: number;
  readonly now?: () => number;
}

/**
 * `api_key` mode over the named keys: any stored key, and `MCP_API_KEY` as
 * `env`, is accepted. The table follows the index file: a key created or
 * revoked by another process (the CLI) applies within a debounce, one changed
 * in this process at once; a revoked name is dropped before any keychain read.
 * Last-use times are kept in memory and written at most once a minute.
 * - With `MCP_API_KEY` set, the server starts on it alone and reads the stored
 *   keys in the background (a missing keychain is logged, not fatal).
 * - Otherwise the stored keys are read first; with none, `default` is created
 *   (as the single key was on first start). Rejects with what the keychain or
 *   the index throws.
 */
export async function createNamedKeyAuthenticator(options: NamedKeyAuthenticatorOptions): Promise<Authenticator> {
  const { keys, log } = options;
  const now = options.now ?? Date.now;
  const intervalMs = options.lastUseIntervalMs ?? LAST_USE_WRITE_INTERVAL_MS;
  const envValue = await keys.show(ENV_KEY_NAME).catch((error: unknown) => {
    if (error instanceof NamedKeyError && error.code === KEY_NOT_FOUND) return undefined;
    throw error;
  });
  let table = createKeyTable(envValue === undefined ? [] : [{ name: ENV_KEY_NAME, value: envValue }]);
  let signature = '';

  /** Reads the index and, when names or creation dates changed, the values. */
  async function load(): Promise<void> {
    const listed = await keys.list();
    const next = listed.map((key) => `${key.name}@${key.createdAt}`).join(',');
    if (next === signature) return;
    table = table.retain(new Set([ENV_KEY_NAME, ...listed.map((key) => key.name)]));
    table = createKeyTable(await keys.values());
    signature = next;
    log(`[auth] api_key mode: ${table.names.length} key(s) accepted: ${table.names.join(', ') || 'none'}`);
  }

  let loading: Promise<void> | undefined;
  let again = false;
  function reload(): Promise<void> {
    if (loading !== undefined) {
      again = true;
      return loading;
    }
    loading = load()
      .catch((error: unknown) => log(`[auth] cannot read the API keys; the server keeps the ones it had: ${(error as Error).message}`))
      .finally(() => {
        loading = undefined;
        if (again) {
          again = false;
          void reload();
        }
      });
    return loading;
  }

  if (envValue === undefined) {
    if ((await keys.values()).length === 0) await keys.ensure(DEFAULT_KEY_NAME);
    await load();
  } else {
    log(`[auth] api_key mode: key from MCP_API_KEY (named "${ENV_KEY_NAME}"); reading the stored keys`);
    void reload();
  }
  const stopWatching = watchKeyIndex(keys.indexFile, () => void reload(), { log });
  const lastUse = lastUseRecorder(keys, { intervalMs, now, log });

  return createApiKeyAuthenticator({
    keys: () => table,
    onUse: (name) => {
      if (name !== ENV_KEY_NAME) lastUse.record(name);
    },
    close: () => {
      stopWatching();
      lastUse.close();
    },
  });
}

/** Keeps last-use times in memory and writes them in one batch at most every `intervalMs`. */
function lastUseRecorder(keys: NamedKeys, { intervalMs, now, log }: { intervalMs: number; now: () => number; log: (line: string) => void }) {
  let pending = new Map<string, number>();
  let lastWrite = -Infinity;
  let timer: NodeJS.Timeout | undefined;

  function write(): void {
    timer = undefined;
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    lastWrite = now();
    keys.recordUse(batch).catch((error: unknown) => log(`[auth] cannot record when keys were last used: ${(error as Error).message}`));
  }

  return {
    record(name: string): void {
      pending.set(name, now());
      if (timer !== undefined) return;
      timer = setTimeout(write, Math.max(0, lastWrite + intervalMs - now()));
      timer.unref();
    },
    close(): void {
      clearTimeout(timer);
      write();
    },
  };
}
