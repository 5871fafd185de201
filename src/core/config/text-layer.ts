import { showValue, type ConfigError, type ConfigSource } from './config-error.js';
import { expectedText, FIELD_SPECS, type FieldSpec } from './fields.js';
import { messagesByField, settingsLayerSchema } from './schema.js';
import type { SettingsLayer } from './types.js';
import { mergePatch } from './validate.js';

/** Settings read from text (environment variables or flags), with one error per bad value. */
export interface TextLayer {
  readonly layer: SettingsLayer;
  readonly errors: ConfigError[];
}

/** A place settings are written as text: the environment or the command line. */
export interface TextSource {
  readonly source: ConfigSource;
  /** The raw text for a setting, or undefined when the source does not set it. */
  read(spec: FieldSpec): string | undefined;
  /** How the user names the setting in this source: `MCP_PORT`, `--port`. */
  name(spec: FieldSpec): string;
}

/** `oauth.issuer`, v → `{ oauth: { issuer: v } }`. */
function nest(path: string, value: unknown): Record<string, unknown> {
  return path
    .split('.')
    .reduceRight<Record<string, unknown>>((inner, key, index, keys) => ({ [key]: index === keys.length - 1 ? value : inner }), {});
}

/**
 * Reads every known setting from a text source. Values are trimmed; an empty
 * value counts as unset. Each value is checked on its own with the same schema
 * as the settings file, so one bad value gives exactly one line:
 * `MCP_PORT="abc" is not valid: expected an integer from 0 to 65535`.
 */
export function layerFromText(source: TextSource): TextLayer {
  let layer: SettingsLayer = {};
  const errors: ConfigError[] = [];
  for (const spec of FIELD_SPECS) {
    const raw = source.read(spec);
    if (raw === undefined || raw.trim() === '') continue;
    const parsed = settingsLayerSchema.safeParse(nest(spec.path, spec.fromText(raw.trim())));
    if (parsed.success) {
      layer = mergePatch(layer, parsed.data) as SettingsLayer;
      continue;
    }
    const name = source.name(spec);
    const problem = messagesByField(parsed.error.issues, true)[spec.path] ?? expectedText(spec, true);
    errors.push({
      code: 'CONFIG_INVALID_VALUE',
      source: source.source,
      name,
      field: spec.path,
      message: `${name}=${showValue(raw)} is not valid: ${problem}`,
    });
  }
  return { layer, errors };
}
