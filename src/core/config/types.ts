/** The auth modes a server can run in (`MCP_AUTH`). */
export const AUTH_MODES = ['none', 'api_key', 'oauth'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export interface OAuthSettings {
  /** Issuer URL of the authorization server (`MCP_OAUTH_ISSUER`). */
  issuer?: string;
  /** Audience a token must carry (`MCP_OAUTH_AUDIENCE`). */
  audience?: string;
  /** JWKS URI; discovered from the issuer when unset (`MCP_OAUTH_JWKS_URI`). */
  jwksUri?: string;
  /** Scopes every token must carry; empty means none required. */
  requiredScopes: string[];
  /** Public client id used by `login` (`MCP_OAUTH_CLIENT_ID`). */
  clientId?: string;
  /** Loopback redirect URI used by `login` (`MCP_OAUTH_REDIRECT_URI`). */
  redirectUri?: string;
}

/**
 * Everything the user can save in the settings file. Never holds a secret:
 * the API key and OAuth tokens live in the OS keychain.
 */
export interface Settings {
  host: string;
  port: number;
  auth: AuthMode;
  oauth: OAuthSettings;
  rateLimit: { rps: number; burst: number };
  /** Folders the read-only file tools may read. None by default. */
  sharedFolders: string[];
  /** Extra Host header names accepted besides the bound loopback names (reverse proxies). */
  allowedHosts: string[];
  /** Extra Origins accepted besides local ones (reverse proxies, web clients). */
  allowedOrigins: string[];
  /** Public base URL when served behind a reverse proxy (used for OAuth resource metadata). */
  publicBaseUrl?: string;
}

/** The configuration a server starts from: settings plus secrets from the environment. */
export interface ServerConfig extends Settings {
  /** `MCP_API_KEY` when set; otherwise the keychain supplies the key. Never persisted. */
  apiKey?: string;
}
