import type { AuthMode } from '../config/types.js';
import type { IssuerHealth } from '../../shared/view-types.js';

/** Who sent a request, once its credentials were checked. */
export interface Principal {
  /**
   * Stable, non-secret key for per-client rate limiting and metrics: a hash of
   * the API key or bearer token (or `sub` + `client_id`), or `ip:<address>` when
   * the mode has no credentials. Never the raw secret.
   */
  readonly clientKey: string;
  /** Short masked label safe to show in the UI and logs (e.g. `key:3f9a…`, `ip:127.0.0.1`). */
  readonly label: string;
  /** OAuth subject, when known. */
  readonly subject?: string;
  /** OAuth client id, when known. */
  readonly clientId?: string;
  /** Granted scopes, when known. */
  readonly scopes?: readonly string[];
  /** Raw bearer token, passed to the MCP SDK as `authInfo.token`; never logged. */
  readonly token?: string;
  /** Token expiry in seconds since the epoch, when known. */
  readonly expiresAt?: number;
}

/** Read access to request headers (names lower-case); a `Headers` is one. */
export type HeaderReader = Pick<Headers, 'get'>;

/** What an authenticator sees of a request. */
export interface AuthRequest {
  readonly headers: HeaderReader;
  readonly url: URL;
  /** Remote address of the TCP peer. */
  readonly remoteAddress: string;
}

/**
 * Checks the credentials of one HTTP request. Built by a factory over validated
 * options; per request it resolves to a Principal or throws an `HttpError`
 * (401 with `WWW-Authenticate` where the spec asks for it, 403 for missing scope)
 * whose `code` is the rejection reason counted in the metrics.
 */
export interface Authenticator {
  readonly mode: AuthMode;
  authenticate(request: AuthRequest): Promise<Principal>;
  /** oauth mode: whether the issuer's signing keys can be had (see `IssuerHealth`). */
  issuerHealth?(): IssuerHealth;
  /** Releases timers or caches, if any. */
  close?(): void;
}
