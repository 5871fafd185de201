import { API_KEY_ENV_VAR } from '../../shared/api-key.js';
import type { ConfigError } from './config-error.js';
import { layerFromText, type TextLayer } from './text-layer.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/** Printable ASCII (it travels in an HTTP header) with no space at either end (HTTP would strip it). */
const API_KEY_SHAPE = /^[\x21-\x7E]([\x20-\x7E]*[\x21-\x7E])?$/;

export interface EnvSettings extends TextLayer {
  /** `MCP_API_KEY` when set and well formed. */
  readonly apiKey?: string;
}

/** Checks `MCP_API_KEY`; the error line names the variable but never shows its value. */
export function apiKeyFromEnv(env: Environment): { apiKey?: string; error?: ConfigError } {
  const apiKey = env[API_KEY_ENV_VAR];
  if (apiKey === undefined || apiKey === '') return {};
  if (API_KEY_SHAPE.test(apiKey)) return { apiKey };
  return {
    error: {
      code: 'CONFIG_INVALID_VALUE',
      source: 'env',
      name: API_KEY_ENV_VAR,
      field: 'apiKey',
      message: `${API_KEY_ENV_VAR} (value hidden) is not valid: expected printable ASCII characters with no space at either end`,
    },
  };
}

/**
 * Settings from the `MCP_*` environment variables (names are a compatibility
 * contract, see `FIELD_SPECS`), plus the API key. An empty variable counts as
 * unset. Lists: `MCP_SHARED_FOLDERS` uses the path delimiter (`:`, `;` on
 * Windows), `MCP_ALLOWED_HOSTS` and `MCP_ALLOWED_ORIGINS` commas,
 * `MCP_OAUTH_REQUIRED_SCOPES` spaces.
 */
export function settingsFromEnv(env: Environment): EnvSettings {
  const { layer, errors } = layerFromText({ source: 'env', read: (spec) => env[spec.env], name: (spec) => spec.env });
  const { apiKey, error } = apiKeyFromEnv(env);
  return { layer, errors: error ? [...errors, error] : errors, ...(apiKey !== undefined && { apiKey }) };
}
