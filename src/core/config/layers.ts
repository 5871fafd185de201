import type { Settings, SettingsLayer } from './types.js';

function definedEntries<T extends object>(value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/**
 * `layers` applied over `base` in order, later layers winning field by field.
 * A field a layer leaves `undefined` is not set by that layer; lists replace.
 */
export function applyLayers(base: Settings, ...layers: readonly SettingsLayer[]): Settings {
  return layers.reduce<Settings>(
    (settings, layer) => ({
      ...settings,
      ...definedEntries({ ...layer, oauth: undefined, rateLimit: undefined }),
      oauth: { ...settings.oauth, ...definedEntries(layer.oauth) },
      rateLimit: { ...settings.rateLimit, ...definedEntries(layer.rateLimit) },
    }),
    base,
  );
}
