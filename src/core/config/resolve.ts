import { API_KEY_ENV_VAR } from '../../shared/api-key.js';
import { isLoopbackHost } from '../../shared/loopback.js';
import type { ConfigError } from './config-error.js';
import { settingsFromEnv, type Environment } from './env.js';
import { fieldSpec, FIELD_SPECS, type SettingsFieldPath } from './fields.js';
import { settingsFromFlags, type FlagValues } from './flags.js';
import { applyLayers } from './layers.js';
import { crossFieldProblems, defaultSettings, messagesByField, settingsLayerSchema, type FieldProblem } from './schema.js';
import type { PinnedSettings, ServerConfig, Settings, SettingsLayer } from './types.js';

export interface ResolveInput {
  /** The saved settings (`loadSettingsFile(...).layer` or `.settings`); none when omitted. */
  readonly file?: SettingsLayer;
  /** Environment variables; none when omitted (callers pass `process.env` or `CliIO.env`). */
  readonly env?: Environment;
  /** Parsed command-line flags named as in `CONFIG_FLAG_OPTIONS`. */
  readonly flags?: FlagValues;
}

/** The layer a field's value came from, highest first. */
export type SettingsLayerName = 'flag' | 'env' | 'file' | 'default';

export interface FieldSource {
  readonly layer: SettingsLayerName;
  /** How the user wrote it when a flag or a variable set it: `--port`, `MCP_PORT`. */
  readonly name?: string;
}

/** Where each field of a resolved configuration came from. */
export type FieldSources = Readonly<Record<SettingsFieldPath, FieldSource>>;

/** Warnings (valid but doubtful settings, a set-aside file) come with either outcome; print each once. */
export type ResolveResult =
  | { readonly ok: true; readonly config: ServerConfig; readonly sources: FieldSources; readonly warnings: string[] }
  | { readonly ok: false; readonly errors: ConfigError[]; readonly warnings: string[] };

/** Every layer applied, bad values left out: what a host that must keep running uses (see `resolveLayers`). */
export interface ResolvedLayers {
  readonly config: ServerConfig;
  readonly sources: FieldSources;
  /** One per bad value (it was left out) and per unmet cross-field rule; empty when `config` is complete and valid. */
  readonly errors: ConfigError[];
}

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

/** Whether a layer sets the field at a dotted path (`port`, `oauth.issuer`). */
function sets(layer: SettingsLayer, path: string): boolean {
  const [key, inner] = path.split('.') as [string, string | undefined];
  const value = (layer as Record<string, unknown>)[key];
  if (inner === undefined) return value !== undefined;
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)[inner] !== undefined;
}

function sourcesOf(file: SettingsLayer, env: SettingsLayer, flags: SettingsLayer): FieldSources {
  const entries = FIELD_SPECS.map((spec): [SettingsFieldPath, FieldSource] => {
    if (sets(flags, spec.path)) return [spec.path, { layer: 'flag', name: `--${spec.flag}` }];
    if (sets(env, spec.path)) return [spec.path, { layer: 'env', name: spec.env }];
    return [spec.path, { layer: sets(file, spec.path) ? 'file' : 'default' }];
  });
  return Object.fromEntries(entries) as Record<SettingsFieldPath, FieldSource>;
}

/**
 * The one place settings are merged. Precedence, field by field:
 * flags > environment > settings file > defaults; lists replace, never merge.
 * A bad value is left out (its layer does not set that field) and reported in
 * `errors`, one line each (see `ConfigError`); the cross-field rules (OAuth
 * needs issuer and audience) are then checked on the result. The API key
 * comes only from `MCP_API_KEY`; otherwise the keychain supplies it.
 */
export function resolveLayers({ file = {}, env = {}, flags = {} }: ResolveInput): ResolvedLayers {
  const fromFile = checkFileLayer(file);
  const fromEnv = settingsFromEnv(env);
  const fromFlags = settingsFromFlags(flags);
  const settings: Settings = applyLayers(defaultSettings(), fromFile.layer, fromEnv.layer, fromFlags.layer);
  const config: ServerConfig = fromEnv.apiKey === undefined ? settings : { ...settings, apiKey: fromEnv.apiKey };
  const invalid = [...fromFile.errors, ...fromEnv.errors, ...fromFlags.errors];
  const missing = invalid.length > 0 ? [] : crossFieldProblems(settings).map(missingValueError);
  return { config, sources: sourcesOf(fromFile.layer, fromEnv.layer, fromFlags.layer), errors: [...invalid, ...missing] };
}

/**
 * The configuration a server starts from (`resolveLayers`), refused as a
 * whole when any value is bad or a cross-field rule is not met.
 */
export function resolveConfig(input: ResolveInput): ResolveResult {
  const { config, sources, errors } = resolveLayers(input);
  if (errors.length > 0) return { ok: false, errors, warnings: [] };
  return { ok: true, config, sources, warnings: configWarnings(config) };
}

/** The fields a flag or an environment variable sets, and which one: the UI shows them as not editable. */
export function pinnedSettings(sources: FieldSources): PinnedSettings {
  const pinned: Record<string, string> = {};
  for (const [path, source] of Object.entries(sources)) {
    if (source.name !== undefined) pinned[path] = source.name;
  }
  return pinned;
}
