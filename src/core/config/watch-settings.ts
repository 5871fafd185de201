import { watch, type FSWatcher } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

/** Long enough to see a save (write, rename) as one change, short enough to apply well within a second. */
export const SETTINGS_WATCH_DEBOUNCE_MS = 150;

export interface WatchSettingsOptions {
  readonly log: (line: string) => void;
  readonly debounceMs?: number;
}

/**
 * Calls `store.load()` when the settings file changes on disk (edited by hand,
 * or saved by another host), so the run picks the change up; subscribers of
 * the store then see the new settings. The folder is watched, not the file: a
 * save replaces the file (atomic rename), which would end a watch on the file
 * itself. The folder is created (0700, as a save would) when missing. When
 * watching is impossible it says so in the log and the run goes on unwatched.
 * Returns the function that stops watching.
 */
export async function watchSettingsFile(
  store: { readonly filePath: string; load(): Promise<{ readonly warning?: string }> },
  { log, debounceMs = SETTINGS_WATCH_DEBOUNCE_MS }: WatchSettingsOptions,
): Promise<() => void> {
  const folder = dirname(store.filePath);
  const name = basename(store.filePath);
  let timer: NodeJS.Timeout | undefined;

  const reload = () => {
    timer = undefined;
    store.load().then(
      (loaded) => {
        if (loaded.warning !== undefined) log(`[settings] ${loaded.warning}`);
      },
      (error: unknown) => log(`[settings] cannot read the changed settings: ${(error as Error).message}`),
    );
  };

  let watcher: FSWatcher;
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    watcher = watch(folder, { persistent: false }, (_event, changed) => {
      if (changed !== null && changed !== name) return;
      clearTimeout(timer);
      timer = setTimeout(reload, debounceMs);
    });
  } catch (error) {
    log(`[settings] changes to ${store.filePath} are not watched: ${(error as Error).message}`);
    return () => {};
  }
  watcher.on('error', (error) => log(`[settings] stopped watching ${store.filePath}: ${error.message}`));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
