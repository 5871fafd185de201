import { API_KEY_ENV_VAR } from '../../shared/api-key.js';
import { isLoopbackHost } from '../../shared/loopback.js';
import type { ConfigError } from './config-error.js';
import { settingsFromEnv, type Environment } from './env.js';
import { fieldSpec } from './fields.js';
import { settingsFromFlags, type FlagValues } from './flags.js';
import { applyLayers } from './layers.js';
import { crossFieldProblems, defaultSettings, messagesByField, settingsLayerSchema, type FieldProblem } from './schema.js';
import type { ServerConfig, SettingsLayer } from './types.js';

export interface ResolveInput {
  /** The saved settings (`loadSettingsFile(...).layer` or `.settings`); none when omitted. */
  readonly file?: SettingsLayer;
  /** Environment variables; none when omitted (callers pass `process.env` or `CliIO.env`). */
  readonly env?: Environment;
  /** Parsed command-line flags named as in `CONFIG_FLAG_OPTIONS`. */
  readonly flags?: FlagValues;
}

/** Warnings (valid but doubtful settings, a set-aside file) come with either outcome; print each once. */
export type ResolveResult =
  | { readonly ok: true; readonly config: ServerConfig; readonly warnings: string[] }
  | { readonly ok: false; readonly errors: ConfigError[]; readonly warnings: string[] };

/** The saved settings checked again (callers may build them by hand), normalised like the file loader does. */
function checkFileLayer(file: SettingsLayer): { layer: SettingsLayer; errors: ConfigError[] } {
  const parsed = settingsLayerSchema.safeParse(file);
  if (parsed.success) return { layer: parsed.data as SettingsLayer, errors: [] };
  const errors = Object.entries(messagesByField(parsed.error.issues)).map(
    ([field, problem]): ConfigError => ({
      code: 'CONFIG_INVALID_VALUE',
      source: 'settings',
      name: field,
      field,
      message: `saved setting ${field} is not valid: ${problem}`,
    }),
  );
  return { layer: {}, errors };
}

function missingValueError({ path, message }: FieldProblem): ConfigError {
  const spec = fieldSpec(path);
  const name = spec?.env ?? path;
  const howToSet = spec ? ` (set ${spec.env}, pass --${spec.flag}, or save it in the settings)` : '';
  return { code: 'CONFIG_MISSING_VALUE', source: 'env', name, field: path, message: `${name} is not set: ${message}${howToSet}` };
}

/** Advice about a configuration that is valid but probably not what was meant. */
export function configWarnings(config: ServerConfig): string[] {
  const warnings: string[] = [];
  if (config.apiKey !== undefined && config.auth !== 'api_key') {
    warnings.push(`${API_KEY_ENV_VAR} is set but auth is ${config.auth}, so the key is not used`);
  }
  if (config.auth === 'none' && !isLoopbackHost(config.host)) {
    warnings.push(
      `auth is none and the server listens on ${config.host}, reachable from other machines: anyone who can connect can use its tools (set MCP_AUTH=api_key or oauth)`,
    );
  }
  return warnings;
}

/**
 * The configuration a server starts from. Precedence, field by field:
 * flags > environment > settings file > defaults; lists replace, never merge.
 * Every bad value is reported (one line each, see `ConfigError`); then the
 * cross-field rules are checked on the result (OAuth needs issuer and audience).
 * The API key comes only from `MCP_API_KEY`; otherwise the keychain supplies it.
 */
export function resolveConfig({ file = {}, env = {}, flags = {} }: ResolveInput): ResolveResult {
  const fromFile = checkFileLayer(file);
  const fromEnv = settingsFromEnv(env);
  const fromFlags = settingsFromFlags(flags);
  const errors = [...fromFile.errors, ...fromEnv.errors, ...fromFlags.errors];
  if (errors.length > 0) return { ok: false, errors, warnings: [] };

  const settings = applyLayers(defaultSettings(), fromFile.layer, fromEnv.layer, fromFlags.layer);
  const missing = crossFieldProblems(settings).map(missingValueError);
  if (missing.length > 0) return { ok: false, errors: missing, warnings: [] };

  const config: ServerConfig = fromEnv.apiKey === undefined ? settings : { ...settings, apiKey: fromEnv.apiKey };
  return { ok: true, config, warnings: configWarnings(config) };
}
