import type { IssuerHealth } from '../../../shared/view-types.js';
import type { Authenticator, Principal } from '../types.js';
import { extractBearerToken } from './bearer-token.js';
import { createChallenges } from './challenge.js';
import { DiscoveryError, discoverJwksUri } from './discovery.js';
import { describeOAuthEvent, logToStderr, type OAuthEvent } from './events.js';
import { initialIssuerHealth, nextIssuerHealth } from './issuer-health.js';
import { describeFetchError, JwksCache } from './jwks-cache.js';
import { startKeyWarmup } from './key-warmup.js';
import { validateOAuthOptions, type OAuthAuthenticatorOptions } from './options.js';
import { principalFromClaims } from './principal.js';
import { OAUTH_REJECTION } from './reasons.js';
import { tokenDigest, TokenCache } from './token-cache.js';
import { AccessTokenError, verifyAccessToken } from './verify-access-token.js';

/** An oauth-mode authenticator; `close()` aborts a JWKS fetch in flight, stops background retries and drops cached tokens. */
export interface OAuthAuthenticator extends Authenticator {
  readonly mode: 'oauth';
  /** Whether the issuer's keys could be fetched: from the discovery and JWKS events so far. */
  issuerHealth(): IssuerHealth;
  close(): void;
}

/**
 * Remembers the JWKS URI once discovered. Discovery is lazy: the server starts
 * while the issuer is down, and the first request that needs keys discovers;
 * a failure is retried by a later request (the key cache's cooldown paces it).
 */
function createUriResolver(
  issuer: string,
  configured: URL | undefined,
  deps: { fetch: typeof fetch; timeoutMs: number; emit: (event: OAuthEvent) => void },
): () => Promise<URL> {
  let discovered: URL | undefined = configured;
  return async () => {
    if (discovered) return discovered;
    try {
      discovered = await discoverJwksUri(issuer, deps);
      deps.emit({ type: 'discovery_succeeded', issuer, jwksUri: discovered.href });
      return discovered;
    } catch (error) {
      const message = error instanceof DiscoveryError ? error.message : describeFetchError(error);
      deps.emit({ type: 'discovery_failed', issuer, message });
      throw new DiscoveryError(`discovery failed: ${message}`, { cause: error });
    }
  };
}

/**
 * `oauth` mode: the server is an OAuth 2.1 protected resource (MCP
 * authorization spec). Each request must carry `Authorization: Bearer <JWT>`
 * issued by `issuer` for `audience`; see `verifyAccessToken` for the checks.
 * Rejections are `HttpError`s whose `code` is one of `OAUTH_REJECTION`, with a
 * `WWW-Authenticate` challenge pointing at the RFC 9728 metadata.
 *
 * Verified tokens are remembered by SHA-256 in a bounded LRU until the earlier
 * of their `exp` and the end of the key set's freshness, so a repeat request
 * costs a hash and a map lookup, and a removed key's tokens stop being accepted
 * once the keys are refetched.
 *
 * Throws `OAuthConfigError` (code `OAUTH_CONFIG_INVALID`) on invalid options.
 */
export function createOAuthAuthenticator(options: OAuthAuthenticatorOptions): OAuthAuthenticator {
  const config = validateOAuthOptions(options);
  const fetchImpl = options.fetch ?? fetch;
  const log = options.log ?? logToStderr;
  let health = initialIssuerHealth(config.jwksUri !== undefined);
  const emit = (event: OAuthEvent): void => {
    health = nextIssuerHealth(health, event, Date.now());
    options.onEvent?.(event);
    const line = describeOAuthEvent(event);
    if (line) log(line);
  };

  const keys = new JwksCache({
    resolveUri: createUriResolver(config.issuer, config.jwksUri, { fetch: fetchImpl, timeoutMs: config.jwksTimeoutMs, emit }),
    fetch: fetchImpl,
    cooldownMs: config.jwksCooldownMs,
    maxAgeMs: config.jwksMaxAgeMs,
    timeoutMs: config.jwksTimeoutMs,
    onFetched: (uri, keyCount) => emit({ type: 'jwks_fetched', jwksUri: uri.href, keyCount }),
    onFetchFailed: (uri, error, knownKeys) => {
      // A failed discovery was reported already; only report the key download itself.
      if (uri) emit({ type: 'jwks_fetch_failed', jwksUri: uri.href, message: error.message, knownKeys });
    },
  });
  const stopWarmup = config.keyRetryMs === undefined ? () => {} : startKeyWarmup(() => keys.prefetch(), config.keyRetryMs);
  const verified = new TokenCache<Principal>(config.tokenCacheSize);
  const challenges = createChallenges(config.resourceMetadataUrl, config.requiredScopes);

  function assertScopes(principal: Principal): void {
    const granted = new Set(principal.scopes ?? []);
    const missing = config.requiredScopes.filter((scope) => !granted.has(scope));
    if (missing.length > 0) throw challenges.insufficientScope(missing);
  }

  async function verify(token: string): Promise<Principal> {
    try {
      const claims = await verifyAccessToken(token, {
        issuer: config.issuer,
        audience: config.audience,
        getKey: keys.getKey,
        clockToleranceSec: config.clockToleranceSec,
      });
      return principalFromClaims(token, claims);
    } catch (error) {
      if (error instanceof AccessTokenError) throw challenges.invalidToken(error.code, error.message);
      throw error;
    }
  }

  return {
    mode: 'oauth',
    async authenticate({ headers, url }) {
      const extracted = extractBearerToken(headers, url);
      if (!extracted.ok) {
        if (extracted.code === OAUTH_REJECTION.missingToken) throw challenges.missingToken();
        throw challenges.invalidRequest(extracted.code, extracted.description);
      }
      const digest = tokenDigest(extracted.token);
      const cached = verified.get(digest);
      if (cached) return cached;
      const principal = await verify(extracted.token);
      assertScopes(principal);
      verified.set(digest, principal, Math.min((principal.expiresAt ?? 0) * 1000, keys.freshUntil()));
      return principal;
    },
    issuerHealth: () => health,
    close() {
      stopWarmup();
      keys.close();
      verified.clear();
    },
  };
}
