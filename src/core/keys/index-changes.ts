import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** Long enough to see an atomic save (temp file, rename) as one change, short enough that a revoked key is refused well within a second. */
export const KEY_INDEX_DEBOUNCE_MS = 50;

const inProcess = new Map<string, Set<() => void>>();

/** Tells listeners in this process that `indexFile` changed (a key was created or revoked here). */
export function notifyKeyIndexChanged(indexFile: string): void {
  for (const listener of inProcess.get(resolve(indexFile)) ?? []) listener();
}

export interface WatchKeyIndexOptions {
  readonly log: (line: string) => void;
  readonly debounceMs?: number;
}

/**
 * Calls `onChange` when the key index changes: at once when this process
 * changed it, and after a short debounce when another process did (the CLI's
 * `keys create` / `keys revoke`). The folder is watched, not the file: an
 * atomic save replaces the file, which would end a watch on it; it is
 * created (0700) when missing. When it cannot be watched, only in-process
 * changes are seen, and the log says so. Returns the function that stops watching.
 */
export function watchKeyIndex(indexFile: string, onChange: () => void, { log, debounceMs = KEY_INDEX_DEBOUNCE_MS }: WatchKeyIndexOptions): () => void {
  const file = resolve(indexFile);
  const listeners = inProcess.get(file) ?? new Set();
  inProcess.set(file, listeners);
  listeners.add(onChange);

  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    watcher = watch(dirname(file), { persistent: false }, (_event, changed) => {
      if (changed !== null && changed.toString() !== basename(file)) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
    watcher.on('error', (error) => {
      log(`[auth] stopped watching ${file}: ${error.message}; keys created or revoked elsewhere apply at the next start`);
      watcher?.close();
    });
  } catch (error) {
    log(`[auth] keys created or revoked by another process apply at the next start: cannot watch ${dirname(file)} (${(error as Error).message})`);
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
    listeners.delete(onChange);
    if (listeners.size === 0) inProcess.delete(file);
  };
}
