import { FIELD_SPECS } from './fields.js';
import { layerFromText, type TextLayer } from './text-layer.js';

/** Parsed flags (`parseArgs(...).values`); only the names in `CONFIG_FLAG_OPTIONS` are read, string values only. */
export type FlagValues = Readonly<Record<string, string | boolean | undefined>>;
export type ConfigFlags = FlagValues;

/**
 * `node:util` `parseArgs` options for every setting a flag can override
 * (`--host`, `--port`, `--auth`, `--rate-limit-rps`, `--oauth-issuer`…), all
 * strings. There is deliberately no flag for the API key: command lines are
 * visible to other users in `ps`.
 */
export const CONFIG_FLAG_OPTIONS: Readonly<Record<string, { type: 'string' }>> = Object.fromEntries(
  FIELD_SPECS.map((spec) => [spec.flag, { type: 'string' as const }]),
);

/** Settings from parsed command-line flags; lists use the same separators as the environment. */
export function settingsFromFlags(flags: FlagValues): TextLayer {
  return layerFromText({
    source: 'flag',
    read: (spec) => {
      const value = flags[spec.flag];
      return typeof value === 'string' ? value : undefined;
    },
    name: (spec) => `--${spec.flag}`,
  });
}
