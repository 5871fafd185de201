import { generateApiKey, validateApiKey } from '../keychain/api-key.js';
import type { SecretStore } from '../keychain/secret-store.js';
import { notifyKeyIndexChanged } from './index-changes.js';
import { readKeyIndex, withKeyIndexLock, writeKeyIndex, type KeyIndexEntry } from './key-index.js';
import { checkKeyName, DEFAULT_KEY_NAME, ENV_KEY_NAME, KEY_EXISTS, KEY_NAME_INVALID, KEY_NOT_FOUND, keyAccount, NamedKeyError } from './key-names.js';

/** A key as listed: its name and dates, never its value. Times in milliseconds since the epoch. */
export interface NamedKeyInfo {
  readonly name: string;
  readonly createdAt: number;
  readonly lastUsedAt?: number;
}

/** A key with its value, for the server's table of accepted keys. */
export interface NamedKeyValue {
  readonly name: string;
  readonly value: string;
}

export interface NamedKeysOptions {
  /** Where the values live (the OS keychain in production). */
  readonly secrets: SecretStore;
  /** The index of names and dates: `namedKeysIndexFile(pathContext)`. */
  readonly indexFile: string;
  /** `MCP_API_KEY`, accepted as the key named `env`; never stored. */
  readonly envKey?: string | undefined;
  readonly now?: () => number;
}

/**
 * One API key per agent. Values live in the keychain (account `key:<name>`;
 * `default` keeps the earlier single key's account `api-key`); the index file
 * holds only names and dates. Errors are `NamedKeyError` (`KEY_NOT_FOUND`,
 * `KEY_EXISTS`, `KEY_NAME_INVALID`, `KEY_INDEX_INVALID`, `KEY_INDEX_BUSY`) or
 * `KeychainUnavailableError`.
 */
export interface NamedKeys {
  readonly indexFile: string;
  /** Creates the key `name` and returns its value; refuses a name that exists. */
  create(name: string): Promise<string>;
  /** The value of `name`, created when there is none. */
  ensure(name: string): Promise<string>;
  /** The value of `name`; `KEY_NOT_FOUND` when there is none. */
  show(name: string): Promise<string>;
  /** The stored keys, by name. `env` is not listed (it is not stored). */
  list(): Promise<NamedKeyInfo[]>;
  /** Deletes the key: a running server refuses it from its next request. */
  revoke(name: string): Promise<void>;
  /** Every key a server accepts now, with its value: `env` first (when set), then the stored keys. */
  values(): Promise<NamedKeyValue[]>;
  /** Writes last-use times (only later ones, only for keys that still exist). */
  recordUse(uses: ReadonlyMap<string, number>): Promise<void>;
}

export function createNamedKeys(options: NamedKeysOptions): NamedKeys {
  const { secrets, indexFile } = options;
  const now = options.now ?? Date.now;
  const envKey = options.envKey?.trim() ? options.envKey.trim() : undefined;

  async function stored(name: string): Promise<string | undefined> {
    const value = await secrets.get(keyAccount(name));
    return value === '' ? undefined : value;
  }

  /** The index file's keys, with the pre-named-keys key (`api-key`) listed as `default` once found. */
  async function migrated(index: Map<string, KeyIndexEntry>): Promise<{ index: Map<string, KeyIndexEntry>; changed: boolean }> {
    if (index.has(DEFAULT_KEY_NAME) || (await stored(DEFAULT_KEY_NAME)) === undefined) return { index, changed: false };
    index.set(DEFAULT_KEY_NAME, { createdAt: now() });
    return { index, changed: true };
  }

  /** Reads the index; migrates (under the lock) when the earlier single key is not listed yet. */
  async function load(): Promise<Map<string, KeyIndexEntry>> {
    const { index, changed } = await migrated(await readKeyIndex(indexFile));
    return changed ? locked(async (current) => current) : index;
  }

  /** Runs `update` on the migrated index under the lock; writes the index when the update or the migration changed it. */
  function locked<T>(update: (index: Map<string, KeyIndexEntry>, markChanged: () => void) => Promise<T>): Promise<T> {
    return withKeyIndexLock(indexFile, async () => {
      const { index, changed: migratedNow } = await migrated(await readKeyIndex(indexFile));
      let changed = migratedNow;
      const result = await update(index, () => (changed = true));
      if (changed) {
        await writeKeyIndex(indexFile, index);
        notifyKeyIndexChanged(indexFile);
      }
      return result;
    });
  }

  async function storeNew(index: Map<string, KeyIndexEntry>, name: string): Promise<string> {
    const value = generateApiKey();
    await secrets.set(keyAccount(name), value);
    index.set(name, { createdAt: now() });
    return value;
  }

  function envValue(): string {
    if (envKey === undefined) throw new NamedKeyError(KEY_NOT_FOUND, `the key "${ENV_KEY_NAME}" is MCP_API_KEY, which is not set`);
    return validateApiKey(envKey);
  }

  function storedName(name: string, verb: string): string {
    if (checkKeyName(name) === ENV_KEY_NAME) throw new NamedKeyError(KEY_NAME_INVALID, `cannot ${verb} "${ENV_KEY_NAME}": that name is MCP_API_KEY's (set or unset the variable instead)`);
    return name;
  }

  return {
    indexFile,
    create: (name) =>
      locked(async (index, markChanged) => {
        if (index.has(storedName(name, 'create'))) throw new NamedKeyError(KEY_EXISTS, `a key named "${name}" exists (see \`mcp-toolkit keys show ${name}\`)`);
        markChanged();
        return storeNew(index, name);
      }),
    async ensure(name) {
      if (checkKeyName(name) === ENV_KEY_NAME) return envValue();
      return locked(async (index, markChanged) => {
        const existing = index.has(name) ? await stored(name) : undefined;
        if (existing !== undefined) return existing;
        markChanged();
        return storeNew(index, name);
      });
    },
    async show(name) {
      if (checkKeyName(name) === ENV_KEY_NAME) return envValue();
      const index = await load();
      const value = index.has(name) ? await stored(name) : undefined;
      if (value === undefined) {
        throw new NamedKeyError(
          KEY_NOT_FOUND,
          index.has(name) ? `the key "${name}" has no value in the OS keychain; revoke it and create it again` : `no key is named "${name}" (see \`mcp-toolkit keys list\`)`,
        );
      }
      return value;
    },
    async list() {
      const index = await load();
      return [...index.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, entry]) => ({ name, ...entry }));
    },
    revoke: (name) =>
      locked(async (index, markChanged) => {
        if (!index.has(storedName(name, 'revoke'))) throw new NamedKeyError(KEY_NOT_FOUND, `no key is named "${name}" (see \`mcp-toolkit keys list\`)`);
        // The index first: a server drops the key as soon as it reads the index, even if the keychain call fails.
        index.delete(name);
        markChanged();
      }).then(async () => void (await secrets.delete(keyAccount(name)))),
    async values() {
      const values: NamedKeyValue[] = envKey === undefined ? [] : [{ name: ENV_KEY_NAME, value: envValue() }];
      for (const name of (await load()).keys()) {
        const value = await stored(name);
        if (value !== undefined) values.push({ name, value });
      }
      return values;
    },
    async recordUse(uses) {
      await withKeyIndexLock(indexFile, async () => {
        const index = await readKeyIndex(indexFile);
        let changed = false;
        for (const [name, time] of uses) {
          const entry = index.get(name);
          if (entry === undefined || time <= (entry.lastUsedAt ?? 0)) continue;
          index.set(name, { ...entry, lastUsedAt: time });
          changed = true;
        }
        if (changed) await writeKeyIndex(indexFile, index);
      }, { createFolder: false }); // a removed settings folder is not made again just to note a use
    },
  };
}
