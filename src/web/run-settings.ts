import { applyLayers, defaultSettings, validateSettings, validateSettingsPatch } from '../core/config/index.js';
import type { SettingsListener, SettingsStore } from '../core/config/index.js';
import type { Settings, SettingsLayer } from '../core/config/types.js';
import { createSerialQueue } from '../core/serial-queue.js';
import { copyPaths, leafPaths, withoutPaths } from './settings-paths.js';

/**
 * The settings of a `serve --dashboard` run: the shared settings file, with
 * the command's flags and `MCP_*` variables on top (as `serve` resolves them).
 *
 * - What the UI shows and the server runs is the file with the overrides applied.
 * - A change from the dashboard is validated against that, then saved to the
 *   file like the desktop app does; a field the change touches stops being
 *   overridden for the rest of the run (the newer, explicit choice wins), and
 *   fields still overridden keep their saved values in the file (flags and
 *   environment are never written to it).
 * - When the file alone would not be valid without an override (e.g. `auth`
 *   set to `oauth` while the issuer comes only from `MCP_OAUTH_ISSUER`), the
 *   change applies to this run only and a line on stderr says so.
 */
export function createRunSettingsStore(file: SettingsStore, overrides: SettingsLayer, log: (line: string) => void): SettingsStore {
  const queue = createSerialQueue();
  const listeners = new Set<SettingsListener>();
  /** Values at `overridden` paths; other fields of it are never read. */
  let values: Settings = applyLayers(defaultSettings(), overrides);
  let overridden = leafPaths(overrides);
  let loaded = false;

  const effective = (): Settings => copyPaths(file.current(), values, overridden);

  function changed(): Settings {
    const settings = effective();
    for (const listener of [...listeners]) listener(settings);
    return settings;
  }

  async function ensureLoaded(): Promise<void> {
    if (!loaded) await load();
  }

  async function load() {
    const result = await file.load();
    loaded = true;
    return { ...result, settings: changed() };
  }

  return {
    filePath: file.filePath,
    load: () => queue.run(load),
    current: effective,
    save: (settings) =>
      queue.run(async () => {
        await file.save(settings);
        overridden = [];
        loaded = true;
        return changed();
      }),
    update: (patch) =>
      queue.run(async () => {
        await ensureLoaded();
        const result = validateSettingsPatch(patch, effective());
        if (!result.ok) return result;
        const touched = leafPaths(patch);
        const stillOverridden = withoutPaths(overridden, touched);
        const forFile = validateSettings(copyPaths(result.settings, file.current(), stillOverridden));
        if (forFile.ok) {
          await file.save(forFile.settings);
          overridden = stillOverridden;
        } else {
          log(
            `[settings] this change applies to this run only: without the values from flags or the environment the settings file would not be valid (${Object.keys(forFile.errors).join(', ')})`,
          );
          overridden = [...stillOverridden, ...touched];
        }
        values = result.settings;
        return { ok: true, settings: changed() };
      }),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
