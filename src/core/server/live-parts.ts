import type { Authenticator } from '../auth/types.js';
import type { ServerConfig } from '../config/types.js';
import { createRateLimiter, type RateLimiter } from '../rate-limit/index.js';
import { ServerStartError } from '../start-error.js';
import { allowedHostnames } from '../http/request-guards.js';

/** What a change of these settings needs: a new socket (host, port) or only new rules for new requests. */
export function needsRebind(running: Pick<ServerConfig, 'host' | 'port'>, next: Pick<ServerConfig, 'host' | 'port'>): boolean {
  return running.host !== next.host || running.port !== next.port;
}

export interface ReconfigureOptions {
  /** Build the authenticator again even if its settings did not change (the API key in the keychain was replaced). */
  readonly rebuildAuth?: boolean;
}

export interface LivePartsDeps {
  /** Builds the authenticator of a configuration; may throw `ServerStartError` (keychain, OAuth settings). */
  readonly buildAuthenticator: (config: ServerConfig) => Promise<Authenticator>;
  /** Tells the file tools their new folders (absent when the built-in tools are not served). */
  readonly setSharedFolders?: (folders: readonly string[]) => void;
  /** Tells the gateway its upstreams (absent when it does not run). */
  readonly setServers?: (servers: ServerConfig['servers']) => void;
  readonly log: (line: string) => void;
}

/**
 * The parts of a running server that follow the settings: configuration,
 * authenticator, rate limiter and allowed Host names. The HTTP app reads them
 * per request, so `apply` changes the rules for every request admitted from
 * then on; a request already admitted finishes under the rules it was admitted
 * with, and open sessions stay open (see `apply`).
 */
export interface LiveParts {
  readonly config: ServerConfig;
  readonly authenticator: Authenticator;
  /** Absent when rate limiting is off. */
  readonly limiter: RateLimiter | undefined;
  readonly allowedHosts: ReadonlySet<string>;
  /**
   * Switches to `next` (same host and port). Everything is built first and
   * swapped at once, so a failure (keychain locked, OAuth settings refused)
   * changes nothing and rejects with `ServerStartError`.
   * A new limiter starts every client with a full bucket.
   */
  apply(next: ServerConfig, options?: ReconfigureOptions): Promise<void>;
  close(): void;
}

function limiterFor({ rps, burst }: ServerConfig['rateLimit']): RateLimiter | undefined {
  return rps > 0 ? createRateLimiter({ rps, burst }) : undefined;
}

function authChanged(before: ServerConfig, after: ServerConfig): boolean {
  return before.auth !== after.auth || before.apiKey !== after.apiKey || JSON.stringify(before.oauth) !== JSON.stringify(after.oauth);
}

/**
 * An authenticator that closes the one it wraps only once no request is still
 * being authenticated by it (closing an OAuth one aborts its JWKS fetch).
 */
function retirable(inner: Authenticator): Authenticator & { retire(): void } {
  let busy = 0;
  let retired = false;
  const closeIfIdle = () => {
    if (retired && busy === 0) inner.close?.();
  };
  return {
    mode: inner.mode,
    async authenticate(request) {
      busy += 1;
      try {
        return await inner.authenticate(request);
      } finally {
        busy -= 1;
        closeIfIdle();
      }
    },
    close: () => inner.close?.(),
    ...(inner.issuerHealth && { issuerHealth: inner.issuerHealth.bind(inner) }),
    retire() {
      retired = true;
      closeIfIdle();
    },
  };
}

export async function createLiveParts(initial: ServerConfig, deps: LivePartsDeps): Promise<LiveParts> {
  let config = initial;
  let authenticator = retirable(await deps.buildAuthenticator(initial));
  let limiter = limiterFor(initial.rateLimit);
  let allowedHosts = allowedHostnames(initial.host, initial.allowedHosts);

  return {
    get config() {
      return config;
    },
    get authenticator() {
      return authenticator;
    },
    get limiter() {
      return limiter;
    },
    get allowedHosts() {
      return allowedHosts;
    },
    async apply(next, options = {}) {
      if (needsRebind(config, next)) {
        throw new ServerStartError('CONFIG_INVALID', `the server listens on ${config.host}:${config.port}; a new host or port needs a restart`);
      }
      const rebuild = options.rebuildAuth === true || authChanged(config, next);
      const nextAuthenticator = rebuild ? retirable(await deps.buildAuthenticator(next)) : authenticator;
      const nextLimiter = JSON.stringify(next.rateLimit) === JSON.stringify(config.rateLimit) ? limiter : limiterFor(next.rateLimit);
      const nextHosts = allowedHostnames(next.host, next.allowedHosts);
      if (JSON.stringify(next.sharedFolders) !== JSON.stringify(config.sharedFolders)) deps.setSharedFolders?.(next.sharedFolders);
      if (JSON.stringify(next.servers) !== JSON.stringify(config.servers)) deps.setServers?.(next.servers);

      const retired = authenticator;
      [config, authenticator, limiter, allowedHosts] = [next, nextAuthenticator, nextLimiter, nextHosts];
      if (retired !== nextAuthenticator) retired.retire();
      deps.log(
        `[mcp] settings applied to the running server: auth ${next.auth}; rate limit ${next.rateLimit.rps > 0 ? `${next.rateLimit.rps} rps, burst ${next.rateLimit.burst}` : 'off'}; ${next.sharedFolders.length} shared folder(s); ${next.servers.length} upstream server(s)`,
      );
    },
    close: () => authenticator.close?.(),
  };
}
