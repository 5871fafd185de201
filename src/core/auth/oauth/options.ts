import { isHttpsOrLoopbackHttp } from '../../../shared/loopback.js';
import { OAUTH_CONFIG_INVALID } from './reasons.js';
import type { OAuthEvent } from './events.js';

/** What `createOAuthAuthenticator` is built from. */
export interface OAuthAuthenticatorOptions {
  /** Issuer identifier of the authorization server; tokens' `iss` must equal it (RFC 8414 §2). */
  issuer: string;
  /** Audience tokens must carry: this server's resource identifier (RFC 8707). */
  audience: string;
  /** JWKS URI; discovered from the issuer's metadata when absent. https, or http on loopback. */
  jwksUri?: string;
  /** Scopes every token must carry; a token lacking one gets 403 `insufficient_scope`. */
  requiredScopes?: readonly string[];
  /**
   * URL of this server's RFC 9728 metadata, sent in every `WWW-Authenticate`
   * challenge. A function is read per challenge, for servers that learn their
   * port only after binding port 0.
   */
  resourceMetadataUrl: string | (() => string);
  /** Leeway for `exp`, `nbf` and `iat`, in seconds. Default 30, at most 300. */
  clockToleranceSec?: number;
  /** Observes key fetches and outages (for metrics); see `OAUTH_EVENT_COUNTERS`. */
  onEvent?: (event: OAuthEvent) => void;
  /** Writes one diagnostic line (`[oauth] …`). Default: stderr. Never receives a token. */
  log?: (line: string) => void;
  /** HTTP client for discovery and JWKS requests. Default: global `fetch`. */
  fetch?: typeof fetch;
  /** Minimum time between two JWKS fetch attempts, in ms. Default 3000. */
  jwksCooldownMs?: number;
  /** Age after which the key set is refetched before use, in ms. Default 600000 (10 min). */
  jwksMaxAgeMs?: number;
  /** Timeout of one discovery or JWKS request, in ms. Default 5000. */
  jwksTimeoutMs?: number;
  /** Verified tokens remembered (by SHA-256) to skip re-verification. Default 1000; 0 turns the cache off. */
  tokenCacheSize?: number;
  /**
   * When set, the keys are fetched at once in the background and, until a
   * fetch works, again every this many ms (stops on `close`), so the issuer's
   * health is known before the first request. Default: keys are fetched on demand only.
   */
  keyRetryMs?: number;
}

/** Options after validation, with defaults applied. */
export interface ValidatedOAuthOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUri?: URL;
  readonly requiredScopes: readonly string[];
  readonly resourceMetadataUrl: () => string;
  readonly clockToleranceSec: number;
  readonly jwksCooldownMs: number;
  readonly jwksMaxAgeMs: number;
  readonly jwksTimeoutMs: number;
  readonly tokenCacheSize: number;
  readonly keyRetryMs?: number;
}

/** Invalid oauth-mode configuration; its message is one line naming the setting. */
export class OAuthConfigError extends Error {
  override readonly name = 'OAuthConfigError';
  readonly code = OAUTH_CONFIG_INVALID;
}

/** RFC 6749 §3.3 scope-token: printable ASCII except space, `"` and `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function fail(message: string): never {
  throw new OAuthConfigError(message);
}

function validateIssuer(issuer: string, hasJwksUri: boolean): string {
  const url = parseUrl(issuer);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    fail(`OAuth issuer "${issuer}" is not an absolute http(s) URL (MCP_OAUTH_ISSUER)`);
  }
  if (url.search || url.hash) fail(`OAuth issuer "${issuer}" must not have a query or fragment (RFC 8414 §2)`);
  if (!hasJwksUri && !isHttpsOrLoopbackHttp(url)) {
    fail(`OAuth issuer "${issuer}" is plain http on a non-loopback host: discovery there could swap the keys; use https or set MCP_OAUTH_JWKS_URI to an https URL`);
  }
  return issuer;
}

function validateJwksUri(jwksUri: string): URL {
  const url = parseUrl(jwksUri);
  if (!url) fail(`OAuth JWKS URI "${jwksUri}" is not an absolute URL (MCP_OAUTH_JWKS_URI)`);
  if (!isHttpsOrLoopbackHttp(url)) fail(`OAuth JWKS URI "${jwksUri}" must be https (plain http only on a loopback host)`);
  return url;
}

function validateDuration(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || value > max) fail(`OAuth option ${name} must be a number between 0 and ${max}`);
  return value;
}

/**
 * Checks the factory's options once, at construction, so a misconfigured
 * server fails to start with one clear line instead of rejecting every request.
 */
export function validateOAuthOptions(options: OAuthAuthenticatorOptions): ValidatedOAuthOptions {
  const jwksUri = options.jwksUri ? validateJwksUri(options.jwksUri) : undefined;
  const issuer = validateIssuer(options.issuer ?? '', jwksUri !== undefined);
  const audience = options.audience?.trim() ?? '';
  if (audience === '') fail('OAuth audience is missing: set MCP_OAUTH_AUDIENCE to this server\'s resource URL');
  const requiredScopes = [...(options.requiredScopes ?? [])];
  const badScope = requiredScopes.find((scope) => !SCOPE_TOKEN.test(scope));
  if (badScope !== undefined) fail(`OAuth required scope "${badScope}" is not a valid scope token (RFC 6749 §3.3)`);
  const metadataUrl = options.resourceMetadataUrl;
  if (typeof metadataUrl !== 'function' && !parseUrl(metadataUrl ?? '')) {
    fail(`OAuth resource metadata URL "${metadataUrl}" is not an absolute URL`);
  }
  const tokenCacheSize = validateDuration('tokenCacheSize', options.tokenCacheSize, 1000, 1_000_000);
  return {
    issuer,
    audience,
    ...(jwksUri ? { jwksUri } : {}),
    requiredScopes,
    resourceMetadataUrl: typeof metadataUrl === 'function' ? metadataUrl : () => metadataUrl,
    clockToleranceSec: validateDuration('clockToleranceSec', options.clockToleranceSec, 30, 300),
    jwksCooldownMs: validateDuration('jwksCooldownMs', options.jwksCooldownMs, 3_000, 3_600_000),
    jwksMaxAgeMs: validateDuration('jwksMaxAgeMs', options.jwksMaxAgeMs, 600_000, 86_400_000),
    jwksTimeoutMs: validateDuration('jwksTimeoutMs', options.jwksTimeoutMs, 5_000, 60_000),
    tokenCacheSize: Math.floor(tokenCacheSize),
    ...(options.keyRetryMs !== undefined ? { keyRetryMs: validateDuration('keyRetryMs', options.keyRetryMs, 30_000, 3_600_000) } : {}),
  };
}
