import { settingsFromEnv, type Environment } from './env.js';
import { leafPaths, valueAt, withoutLeaves } from './field-paths.js';
import { settingsFromFlags, type FlagValues } from './flags.js';
import { pinnedSettings, resolveLayers, type ResolvedLayers } from './resolve.js';
import { SettingsFileError, type LoadedSettings } from './settings-file.js';
import type { SettingsListener, SettingsStore } from './store.js';
import type { PinnedSettings, ServerConfig, Settings, SettingsLayer } from './types.js';
import { mergePatch, type FieldErrors, type SettingsValidation } from './validate.js';

export interface RunSettingsOptions {
  /** The shared settings file (`createSettingsStore`). */
  readonly file: SettingsStore;
  readonly env: Environment;
  /** The command's parsed flags, when the host has any. */
  readonly flags?: FlagValues;
}

/** The settings of one run of a host, as every host sees them (see `createRunSettings`). */
export interface RunSettings extends SettingsStore {
  /** The first `load()`, shared by every caller: the host and its controller read the file once at start. */
  ready(): Promise<LoadedSettings>;
  /** What the server runs: the resolved settings plus `MCP_API_KEY`. */
  config(): ServerConfig;
  /** The fields a flag or an environment variable sets for this run (the UI shows them as not editable). */
  pinned(): PinnedSettings;
  /** Bad flag or variable values (left out) and unmet cross-field rules, one line each; empty when all is well. */
  problems(): string[];
}

function sameValue(a: unknown, b: unknown): boolean {
  const normal = (value: unknown) => (value === null || value === '' ? undefined : value);
  return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

/**
 * The one road settings take, for every host (CLI `serve`, `serve --dashboard`,
 * the desktop app): the settings file, with the run's flags and `MCP_*`
 * variables on top, resolved by `resolveLayers` (flags › environment › file › defaults).
 *
 * - `current()` is what the UI shows and the server runs (without the API key; `config()` has it).
 * - `update` changes the file only. A field a flag or variable pins cannot be
 *   changed (the patch may repeat its current value, as a form does, and that
 *   is ignored); flags and environment values are never written to the file,
 *   though they count for the cross-field rules (an issuer from `MCP_OAUTH_ISSUER`
 *   completes `auth: oauth` saved in the file).
 * - `load` reads the file again (after it changed on disk) and tells subscribers when the result differs.
 */
export function createRunSettings({ file, env, flags = {} }: RunSettingsOptions): RunSettings {
  const overrides = mergePatch(settingsFromEnv(env).layer, settingsFromFlags(flags).layer) as SettingsLayer;
  const listeners = new Set<SettingsListener>();
  let resolved: ResolvedLayers = resolveLayers({ env, flags });
  let first: Promise<LoadedSettings> | undefined;

  const current = (): Settings => {
    const { apiKey: _secret, ...settings } = resolved.config;
    return settings;
  };

  function resolveWith(fileLayer: SettingsLayer): void {
    const before = JSON.stringify(resolved.config);
    resolved = resolveLayers({ file: fileLayer, env, flags });
    if (JSON.stringify(resolved.config) === before) return;
    const settings = current();
    for (const listener of [...listeners]) listener(settings);
  }

  /** Pinned fields the patch would change, each with why it cannot. */
  function pinnedChanges(patch: unknown): FieldErrors {
    const pinned = pinnedSettings(resolved.sources);
    const errors: FieldErrors = {};
    for (const path of leafPaths(patch)) {
      const name = pinned[path];
      if (name !== undefined && !sameValue(valueAt(patch, path), valueAt(resolved.config, path))) {
        errors[path] = `set by ${name} for this run, so it cannot be changed here`;
      }
    }
    return errors;
  }

  async function update(patch: unknown): Promise<SettingsValidation> {
    const refused = pinnedChanges(patch);
    if (Object.keys(refused).length > 0) return { ok: false, errors: refused };
    const forFile = typeof patch === 'object' && patch !== null && !Array.isArray(patch)
      ? withoutLeaves(patch as Record<string, unknown>, Object.keys(pinnedSettings(resolved.sources)))
      : patch;
    const result = await file.update(forFile, overrides);
    if (!result.ok) return result;
    resolveWith(result.settings);
    return { ok: true, settings: current() };
  }

  async function load(): Promise<LoadedSettings> {
    const loaded = await file.load();
    resolveWith(loaded.layer);
    return { ...loaded, settings: current() };
  }

  return {
    filePath: file.filePath,
    load,
    ready: () => (first ??= load()),
    current,
    config: () => resolved.config,
    pinned: () => pinnedSettings(resolved.sources),
    problems: () => resolved.errors.map((error) => error.message),
    update,
    async save(settings) {
      const result = await update(settings);
      if (!result.ok) throw new SettingsFileError('SETTINGS_INVALID', `refusing to save ${file.filePath}`, result.errors);
      return result.settings;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
