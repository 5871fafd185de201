/** Settings types live in src/shared (the UI edits them too); the core adds what never leaves the backend. */
import type { OAuthSettings, RateLimitSettings, Settings } from '../../shared/settings-types.js';

export {
  AUTH_MODES,
  type AuthMode,
  type OAuthSettings,
  type PinnedSettings,
  type RateLimitSettings,
  type Settings,
} from '../../shared/settings-types.js';

/** The configuration a server starts from: settings plus secrets from the environment. */
export interface ServerConfig extends Settings {
  /** `MCP_API_KEY` when set; otherwise the keychain supplies the key. Never persisted. */
  apiKey?: string;
}

/**
 * What one source (settings file, environment, flags) contributes: any subset
 * of the settings. Lists replace, they never merge across sources.
 */
export type SettingsLayer = Partial<Omit<Settings, 'oauth' | 'rateLimit'>> & {
  oauth?: Partial<OAuthSettings>;
  rateLimit?: Partial<RateLimitSettings>;
};
