import { open, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ensurePrivateDirectory, writeFileAtomic } from '../config/atomic-write.js';
import { readRegularFile } from '../config/read-regular-file.js';
import { isKeyName, KEY_INDEX_BUSY, KEY_INDEX_INVALID, NamedKeyError } from './key-names.js';

/** What the index keeps about one key: dates only, never its value. */
export interface KeyIndexEntry {
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly lastUsedAt?: number;
}

/** Key name → entry. */
export type KeyIndex = ReadonlyMap<string, KeyIndexEntry>;

const INDEX_VERSION = 1;
/** Thousands of keys fit in far less; a larger file is not ours. */
const MAX_INDEX_BYTES = 1024 * 1024;

/**
 * Reads the index (`keys.json`): an absent file is an empty index; a file
 * that is not a valid index is refused (`KEY_INDEX_INVALID`) rather than
 * overwritten. Entries with a malformed name or date are skipped.
 */
export async function readKeyIndex(file: string): Promise<Map<string, KeyIndexEntry>> {
  const read = await readRegularFile(file, MAX_INDEX_BYTES);
  if (read.kind === 'missing') return new Map();
  if (read.kind === 'refused') throw new NamedKeyError(KEY_INDEX_INVALID, `${file} ${read.problem}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.text);
  } catch (error) {
    throw new NamedKeyError(KEY_INDEX_INVALID, `${file} is not valid JSON (${(error as Error).message}); fix or remove it`, { cause: error });
  }
  const keys = isRecord(parsed) ? parsed.keys : undefined;
  if (!isRecord(keys)) throw new NamedKeyError(KEY_INDEX_INVALID, `${file} has no "keys" object; fix or remove it`);
  const index = new Map<string, KeyIndexEntry>();
  for (const [name, value] of Object.entries(keys)) {
    const createdAt = isRecord(value) ? dateOf(value.createdAt) : undefined;
    if (!isKeyName(name) || createdAt === undefined) continue;
    const lastUsedAt = dateOf((value as Record<string, unknown>).lastUsedAt);
    index.set(name, lastUsedAt === undefined ? { createdAt } : { createdAt, lastUsedAt });
  }
  return index;
}

/** Replaces the index atomically (mode 0600), names sorted, dates as ISO 8601. */
export async function writeKeyIndex(file: string, index: KeyIndex): Promise<void> {
  const keys: Record<string, { createdAt: string; lastUsedAt?: string }> = {};
  for (const name of [...index.keys()].sort()) {
    const { createdAt, lastUsedAt } = index.get(name)!;
    keys[name] = { createdAt: new Date(createdAt).toISOString(), ...(lastUsedAt !== undefined ? { lastUsedAt: new Date(lastUsedAt).toISOString() } : {}) };
  }
  await writeFileAtomic(file, `${JSON.stringify({ version: INDEX_VERSION, keys }, null, 2)}\n`);
}

/** A lock file older than this was left by a process that died holding it (an update takes milliseconds). */
const STALE_LOCK_MS = 10_000;
const LOCK_RETRY_MS = 20;
const LOCK_TIMEOUT_MS = 15_000;

/**
 * Runs `update` while holding `<index>.lock` (created exclusively), so that
 * processes changing keys at the same moment (two bridges creating their key,
 * the CLI revoking one while the server records a use) never lose each
 * other's change: each reads the index, changes it and writes it in turn.
 * With `createFolder: false`, a missing folder fails (ENOENT) instead of being made.
 */
export async function withKeyIndexLock<T>(file: string, update: () => Promise<T>, { createFolder = true } = {}): Promise<T> {
  const lock = `${file}.lock`;
  if (createFolder) await ensurePrivateDirectory(dirname(file));
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      await (await open(lock, 'wx', 0o600)).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await isStale(lock)) {
        await rm(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new NamedKeyError(KEY_INDEX_BUSY, `${lock} is held by another process; remove it if no mcp-toolkit is changing keys`);
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
  }
  try {
    return await update();
  } finally {
    await rm(lock, { force: true });
  }
}

async function isStale(lock: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(lock)).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false; // released meanwhile: try again
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dateOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? time : undefined;
}
