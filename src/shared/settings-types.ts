/**
 * The settings: one definition shared by the core (which validates, saves and
 * applies them) and the UI (which edits them). Plain data, no secrets.
 */

import type { UpstreamSettings } from './gateway-types.js';

/** The auth modes a server can run in (`MCP_AUTH`). */
export const AUTH_MODES = ['none', 'api_key', 'oauth'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export interface OAuthSettings {
  /** Issuer URL of the authorization server, http(s) (`MCP_OAUTH_ISSUER`). Required when auth is `oauth`. */
  issuer?: string;
  /** Audience a token must carry, RFC 8707 (`MCP_OAUTH_AUDIENCE`). Required when auth is `oauth`. */
  audience?: string;
  /** JWKS URI; discovered from the issuer when unset. https, or http on a loopback host (`MCP_OAUTH_JWKS_URI`). */
  jwksUri?: string;
  /** Scopes every token must carry; empty means none required (`MCP_OAUTH_REQUIRED_SCOPES`, space separated). */
  requiredScopes: string[];
  /** Public client id used by `login` (`MCP_OAUTH_CLIENT_ID`). */
  clientId?: string;
  /** Loopback redirect URI used by `login`, RFC 8252 section 7.3 (`MCP_OAUTH_REDIRECT_URI`). */
  redirectUri?: string;
}

export interface RateLimitSettings {
  /** Requests per second allowed per client; 0 (the default) turns rate limiting off (`MCP_RATE_LIMIT_RPS`). */
  rps: number;
  /** Requests a client may send at once before the rate applies; integer ≥ 1, default 20 (`MCP_RATE_LIMIT_BURST`). */
  burst: number;
}

/**
 * Everything the user can save in the settings file. Never holds a secret:
 * the API key and OAuth tokens live in the OS keychain.
 */
export interface Settings {
  /** Address the HTTP server binds; default `127.0.0.1` (`MCP_HOST`). */
  host: string;
  /** TCP port; 0 picks a free one; default 8000 (`MCP_PORT`). */
  port: number;
  /** Default `none` (`MCP_AUTH`). */
  auth: AuthMode;
  oauth: OAuthSettings;
  rateLimit: RateLimitSettings;
  /** Absolute folders the read-only file tools may read. None by default (`MCP_SHARED_FOLDERS`). */
  sharedFolders: string[];
  /** Extra Host header names (optionally `name:port`) accepted besides the bound loopback names (`MCP_ALLOWED_HOSTS`). */
  allowedHosts: string[];
  /** Extra Origins accepted besides local ones, normalised to `scheme://host[:port]` (`MCP_ALLOWED_ORIGINS`). */
  allowedOrigins: string[];
  /** Public base URL when served behind a reverse proxy, without a trailing slash (`MCP_PUBLIC_BASE_URL`). */
  publicBaseUrl?: string;
  /** MCP servers the gateway runs or reaches and serves behind this server (settings file only). */
  servers: UpstreamSettings[];
}

/**
 * The fields a command-line flag or an `MCP_*` environment variable sets for
 * this run, by dotted path (`port`, `oauth.issuer`) → what sets it (`--port`,
 * `MCP_PORT`). They win over the settings file, so the UI shows them and does
 * not let them be edited.
 */
export type PinnedSettings = Readonly<Record<string, string>>;
