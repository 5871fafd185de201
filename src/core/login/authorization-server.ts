import type * as oidc from 'openid-client';
import { loadOpenIdClient } from './openid-client.js';
import { BoundedFetchError, boundedFetch, METADATA_MAX_BYTES, RESPONSE_TIMEOUT } from '../http/bounded-fetch.js';
import { parseIssuerUrl } from './issuer-url.js';
import { LoginError } from './login-error.js';

export interface DiscoverOptions {
  readonly issuer: string;
  readonly clientId: string;
  /** Aborts discovery and every later request made with the configuration. */
  readonly signal?: AbortSignal;
  /** Per-request timeout in seconds (openid-client default 30). */
  readonly timeoutSeconds?: number;
}

const DEFAULT_TIMEOUT_SECONDS = 30;

/**
 * Discovers the authorization server (OpenID Connect Discovery, then RFC 8414
 * when the OIDC document is missing) and returns an openid-client
 * configuration for our public client (no client secret:
 * `token_endpoint_auth_method=none`, RFC 8252 §8.4).
 *
 * Refuses to go on unless the metadata lists `S256` in
 * `code_challenge_methods_supported` (RFC 7636 §4.2, RFC 8414 §2): when the
 * field is absent we cannot know PKCE is enforced, and a plain-only server
 * gives no protection against code interception.
 */
export async function discoverAuthorizationServer(options: DiscoverOptions): Promise<oidc.Configuration> {
  const { url, allowInsecureHttp } = parseIssuerUrl(options.issuer);
  if (!options.clientId) throw new LoginError('INVALID_OPTIONS', 'A client id is required (--client-id or MCP_OAUTH_CLIENT_ID).');
  const openid = await loadOpenIdClient();

  const discoveryOptions = (algorithm: 'oidc' | 'oauth2'): oidc.DiscoveryRequestOptions => ({
    algorithm,
    // Plain http only for loopback issuers; parseIssuerUrl refused the rest.
    execute: allowInsecureHttp ? [openid.allowInsecureRequests] : [],
    timeout: options.timeoutSeconds,
    [openid.customFetch]: boundedOAuthFetch(options.signal, (options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000),
  });
  const discover = (algorithm: 'oidc' | 'oauth2') =>
    openid.discovery(url, options.clientId, { token_endpoint_auth_method: 'none' }, openid.None(), discoveryOptions(algorithm));

  let config: oidc.Configuration;
  try {
    config = await discover('oidc').catch((error: unknown) => {
      // Unreachable, cancelled or over a limit: the RFC 8414 document would fare no better.
      if (isUnreachable(error) || isOverLimit(error) || options.signal?.aborted) throw error;
      return discover('oauth2');
    });
  } catch (error) {
    throw discoveryError(error, url, options.signal);
  }
  assertSupportsS256(config.serverMetadata());
  return config;
}

/** RFC 7636 §4.2 / RFC 8414 §2: `S256` must be advertised. */
export function assertSupportsS256(metadata: Pick<oidc.ServerMetadata, 'issuer' | 'code_challenge_methods_supported'>): void {
  const methods = metadata.code_challenge_methods_supported;
  if (!Array.isArray(methods) || !methods.includes('S256')) {
    throw new LoginError(
      'PKCE_S256_UNSUPPORTED',
      methods === undefined
        ? `${metadata.issuer} does not advertise PKCE (no code_challenge_methods_supported in its metadata); refusing to sign in without S256.`
        : `${metadata.issuer} does not offer PKCE S256 (it offers: ${methods.join(', ') || 'none'}); refusing to sign in.`,
    );
  }
}

/**
 * The fetch openid-client uses for discovery and, kept in the configuration,
 * for every token request: it also stops when the caller's signal aborts
 * (openid-client only passes its timeout signal), and reads each answer within
 * `timeoutMs` and `METADATA_MAX_BYTES` (`boundedFetch`).
 */
export function boundedOAuthFetch(signal: AbortSignal | undefined, timeoutMs: number): oidc.CustomFetch {
  return (url, init) =>
    boundedFetch(
      url,
      { ...init, signal: signal && init.signal ? AbortSignal.any([signal, init.signal]) : (signal ?? init.signal) } as RequestInit,
      { timeoutMs, maxBytes: METADATA_MAX_BYTES },
    );
}

/** The answer broke `boundedFetch`'s size or time limit (openid-client wraps what its fetch throws). */
function isOverLimit(error: unknown): boolean {
  return error instanceof Error && error.cause instanceof BoundedFetchError;
}

/** A connection-level failure: refused, reset, DNS, timeout. */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  const cause = error.cause;
  if (cause instanceof BoundedFetchError && cause.code === RESPONSE_TIMEOUT) return true;
  return error instanceof TypeError && error.message === 'fetch failed';
}

function discoveryError(error: unknown, issuer: URL, signal: AbortSignal | undefined): LoginError {
  if (error instanceof LoginError) return error;
  if (signal?.aborted) return new LoginError('CANCELLED', 'The sign-in was cancelled.', { cause: error });
  const reason = describe(error);
  return isUnreachable(error)
    ? new LoginError('ISSUER_UNREACHABLE', `Cannot reach the issuer ${issuer.href} (${reason}). Check the URL and your network.`, {
        cause: error,
      })
    : new LoginError('DISCOVERY_FAILED', `The issuer ${issuer.href} has no usable authorization server metadata (${reason}).`, {
        cause: error,
      });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.cause instanceof BoundedFetchError) return error.cause.message;
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
