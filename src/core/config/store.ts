import { createSerialQueue } from '../serial-queue.js';
import { defaultSettings } from './schema.js';
import { loadSettingsFile, saveSettingsFile, type LoadedSettings } from './settings-file.js';
import type { Settings, SettingsLayer } from './types.js';
import { validateSettingsPatch, type SettingsValidation } from './validate.js';

export type SettingsListener = (settings: Settings) => void;

/** The shared settings file as the desktop app and CLI use it: load, save, patch, watch for changes. */
export interface SettingsStore {
  readonly filePath: string;
  /** Reads the file (a bad one is moved aside; see `loadSettingsFile`) and makes it current. */
  load(): Promise<LoadedSettings>;
  /** The settings last loaded or saved; the defaults before the first load. */
  current(): Settings;
  /**
   * Validates complete settings and writes them atomically; throws `SettingsFileError` when refused.
   * `pinned`: values flags and the environment set for this run, which complete the file for the cross-field rules.
   */
  save(settings: Settings, pinned?: SettingsLayer): Promise<Settings>;
  /**
   * Applies a change from the UI: validate against the current settings (loading
   * them first if needed), save atomically, return the new settings; or return
   * the errors per field and change nothing. `pinned` as for `save`.
   */
  update(patch: unknown, pinned?: SettingsLayer): Promise<SettingsValidation>;
  /** Calls `listener` with the new settings whenever they change; returns the unsubscribe function. */
  subscribe(listener: SettingsListener): () => void;
}

export interface SettingsStoreOptions {
  readonly filePath: string;
  /** Clock for the name of a moved-aside file. */
  readonly now?: () => Date;
}

/**
 * A store over one settings file. Loads, saves and updates run one at a time
 * in call order, so two quick updates never lose each other's change.
 */
export function createSettingsStore({ filePath, now }: SettingsStoreOptions): SettingsStore {
  let current = defaultSettings();
  let loaded = false;
  const queue = createSerialQueue();
  const listeners = new Set<SettingsListener>();

  const becomeCurrent = (next: Settings) => {
    const changed = JSON.stringify(next) !== JSON.stringify(current);
    current = next;
    loaded = true;
    if (!changed) return;
    for (const listener of [...listeners]) {
      try {
        listener(next);
      } catch (error) {
        console.error(`[settings] a change listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  const loadNow = async () => {
    const result = await loadSettingsFile(filePath, now ? { now } : {});
    becomeCurrent(result.settings);
    return result;
  };

  return {
    filePath,
    load: () => queue.run(loadNow),
    current: () => current,
    save: (settings, pinned) =>
      queue.run(async () => {
        const saved = await saveSettingsFile(filePath, settings, pinned);
        becomeCurrent(saved);
        return saved;
      }),
    update: (patch, pinned) =>
      queue.run(async () => {
        if (!loaded) await loadNow();
        const result = validateSettingsPatch(patch, current, pinned);
        if (!result.ok) return result;
        const saved = await saveSettingsFile(filePath, result.settings, pinned);
        becomeCurrent(saved);
        return { ok: true, settings: saved };
      }),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
