import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { boundedFetch, METADATA_MAX_BYTES } from '../../http/bounded-fetch.js';

/** The signing key is unknown and the issuer's key set cannot be fetched right now. */
export class JwksUnavailableError extends Error {
  override readonly name = 'JwksUnavailableError';
}

export interface JwksCacheOptions {
  /** Where the key set lives; may discover it (called again after a failure). */
  readonly resolveUri: () => Promise<URL>;
  readonly fetch: typeof fetch;
  /** Minimum time between two fetch attempts, successful or not. */
  readonly cooldownMs: number;
  /** A key set older than this is refetched before use. */
  readonly maxAgeMs: number;
  /** Time for one download, headers and body. */
  readonly timeoutMs: number;
  readonly onFetched?: (uri: URL, keyCount: number) => void;
  readonly onFetchFailed?: (uri: URL | undefined, error: Error, knownKeys: number) => void;
  readonly now?: () => number;
}

/** `fetch failed (ECONNREFUSED)` rather than undici's bare `fetch failed`. */
export function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
}

type RefreshOutcome = 'refreshed' | 'cooling-down' | 'failed';

/**
 * The issuer's signing keys, fetched lazily and kept in memory.
 *
 * jose's `createRemoteJWKSet` is not used because (read in jose 6.2 source,
 * `jwks/remote.js`) once its cache passes `cacheMaxAge` a failed refetch throws,
 * so known keys stop validating during an issuer outage, and a failed fetch does
 * not start the cooldown, so every unknown-`kid` token refetches while the
 * issuer is down. Here:
 * - at most one fetch is in flight, and attempts (successes and failures) are
 *   at least `cooldownMs` apart: a flood of unknown `kid`s costs one fetch per
 *   cooldown, and a freshly rotated key is picked up within `cooldownMs`;
 * - a key set older than `maxAgeMs` is refetched before use, so a removed key
 *   stops validating after at most `maxAgeMs`;
 * - when a fetch fails the last good key set keeps serving (stale if need be)
 *   and the failure is reported; only tokens needing an unknown key fail;
 * - a download is bounded in time and size (`boundedFetch`): a key set that
 *   never ends or passes 1 MiB is a failed fetch, not a full heap.
 */
export class JwksCache {
  private local: ReturnType<typeof createLocalJWKSet> | undefined;
  private keyCount = 0;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<RefreshOutcome> | undefined;
  private lastError: Error | undefined;
  private readonly now: () => number;
  private readonly abort = new AbortController();

  constructor(private readonly options: JwksCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Key resolver for `jwtVerify`. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    if (!this.local || this.isStale()) await this.refresh();
    const local = this.local;
    if (!local) throw new JwksUnavailableError(`issuer keys unavailable: ${this.lastError?.message ?? 'not fetched yet'}`);
    try {
      return await local(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      const outcome = await this.refresh();
      if (outcome === 'failed' || (outcome === 'cooling-down' && this.lastError)) {
        throw new JwksUnavailableError(`signing key unknown and issuer keys unreachable: ${this.lastError?.message}`);
      }
      if (outcome === 'cooling-down' || !this.local) throw error;
      return this.local(header, token);
    }
  };

  /** Fetches the key set now unless one is in flight (joined) or cooling down; true when keys are held afterwards. */
  async prefetch(): Promise<boolean> {
    await this.refresh();
    return this.local !== undefined;
  }

  /** Until when (epoch ms) the current key set counts as fresh. */
  freshUntil(): number {
    return this.fetchedAt + this.options.maxAgeMs;
  }

  close(): void {
    this.abort.abort();
  }

  private isStale(): boolean {
    return this.now() >= this.freshUntil();
  }

  /** Fetches now unless a fetch is in flight (joined) or the last attempt was under `cooldownMs` ago. */
  private refresh(): Promise<RefreshOutcome> {
    if (this.pending) return this.pending;
    if (this.now() - this.attemptedAt < this.options.cooldownMs) return Promise.resolve('cooling-down');
    this.attemptedAt = this.now();
    this.pending = this.fetchKeys().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchKeys(): Promise<RefreshOutcome> {
    let uri: URL | undefined;
    try {
      uri = await this.options.resolveUri();
      const jwks = await this.download(uri);
      this.local = createLocalJWKSet(jwks);
      this.keyCount = jwks.keys.length;
      this.fetchedAt = this.now();
      this.lastError = undefined;
      this.options.onFetched?.(uri, this.keyCount);
      return 'refreshed';
    } catch (cause) {
      this.lastError = new Error(describeFetchError(cause), { cause });
      this.options.onFetchFailed?.(uri, this.lastError, this.local ? this.keyCount : 0);
      return 'failed';
    }
  }

  private async download(uri: URL): Promise<JSONWebKeySet> {
    const response = await boundedFetch(
      uri,
      { headers: { accept: 'application/jwk-set+json, application/json' }, redirect: 'manual', signal: this.abort.signal },
      { fetch: this.options.fetch, timeoutMs: this.options.timeoutMs, maxBytes: METADATA_MAX_BYTES },
    );
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    const body = (await response.json()) as JSONWebKeySet;
    if (!Array.isArray(body?.keys)) throw new Error('response is not a JSON Web Key Set');
    return body;
  }
}
