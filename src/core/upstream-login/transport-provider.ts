import type {
  OAuthClientMetadata,
  OAuthClientProvider,
  OAuthDiscoveryState,
  StoredOAuthClientInformation,
  StoredOAuthTokens,
} from '@modelcontextprotocol/client';
import type { HttpUpstream } from '../gateway/upstream-spec.js';
import { clientOfLogin, deleteRegistration, saveRegistration, toolkitClientMetadata } from './client-identity.js';
import type { LoginsContext } from './logins-context.js';
import type { StoredUpstreamLogin } from './stored-login.js';
import { UpstreamNeedsSignInError } from './types.js';

/** An access token with less than this left is refreshed before it is sent. */
export const REFRESH_MARGIN_MS = 60_000;

/** How long before expiry a token is refreshed: {@link REFRESH_MARGIN_MS}, or a quarter of a shorter-lived token's life (not before every request). */
export function refreshMargin(login: Pick<StoredUpstreamLogin, 'lifetimeMs'>): number {
  return login.lifetimeMs === undefined ? REFRESH_MARGIN_MS : Math.min(REFRESH_MARGIN_MS, login.lifetimeMs / 4);
}

export const NEVER_SIGNED_IN = 'never signed in';
const EXPIRED = 'the sign-in expired and the server gave no refresh token';
const NOT_REFRESHED = 'the sign-in expired and could not be refreshed';
const URL_CHANGED = 'the server URL changed since the sign-in';

function refusedRefresh(code: string): string {
  return `the sign-in expired and could not be refreshed (the authorization server refused the refresh token: ${code})`;
}

/** Never used for a redirect: the transport's provider never starts a browser sign-in. */
const NO_REDIRECT = 'http://127.0.0.1/callback';

/**
 * The `OAuthClientProvider` the gateway gives the SDK transport of one remote
 * server. Tokens come from the keychain; the SDK sends them, and on a 401
 * runs `auth()`, which refreshes through `saveTokens` (discovery is not
 * repeated: the stored discovery state is returned). The SDK transport does
 * not refresh before expiry, so `tokens()` does when the token has less than
 * {@link REFRESH_MARGIN_MS} left. Where the SDK would send the user to the
 * browser, this throws {@link UpstreamNeedsSignInError} instead and records
 * `needs-sign-in` with the reason; a refused refresh drops the tokens, so it
 * is never retried in a loop.
 */
export function createTransportProvider(context: LoginsContext, spec: HttpUpstream): OAuthClientProvider {
  const { book, secrets, now, fetchFn, log } = context;
  let invalidatedReason: string | undefined;
  let refreshing: Promise<StoredUpstreamLogin | undefined> | undefined;
  /** The refresh token of the tokens last handed to the SDK (what its own refresh after a 401 spends). */
  let handedRefreshToken: string | undefined;

  async function usableLogin(): Promise<StoredUpstreamLogin | undefined> {
    const login = await book.read(spec.name);
    return login && login.url === spec.url ? login : undefined;
  }

  async function needsSignIn(reason: string, dropTokens = false): Promise<UpstreamNeedsSignInError> {
    await book.needsSignIn(spec.name, reason, { dropTokens });
    return new UpstreamNeedsSignInError(spec.name, reason);
  }

  /** Why there is no usable sign-in: what this provider saw, else what the index says. */
  async function missingReason(): Promise<string> {
    if (invalidatedReason) return invalidatedReason;
    if ((await book.read(spec.name)) !== undefined) return URL_CHANGED;
    const entry = await book.entry(spec.name);
    return entry?.state === 'needs-sign-in' && entry.reason ? entry.reason : NEVER_SIGNED_IN;
  }

  async function requireLogin(): Promise<StoredUpstreamLogin> {
    const login = await usableLogin();
    if (login) return login;
    throw await needsSignIn(await missingReason());
  }

  /** Refreshes `seen` unless another process did meanwhile: then its tokens are the ones to use. */
  function refresh(seen: StoredUpstreamLogin): Promise<StoredUpstreamLogin | undefined> {
    return book.refreshing(spec.name, async (current) => {
      if (current === undefined || current.url !== spec.url) throw await needsSignIn(await missingReason());
      if (current.tokens.refresh_token !== seen.tokens.refresh_token || current.tokens.access_token !== seen.tokens.access_token) return current;
      return refreshNow(current);
    });
  }

  async function refreshNow(login: StoredUpstreamLogin): Promise<StoredUpstreamLogin | undefined> {
    const clientInformation = await clientOfLogin(secrets, spec, login);
    if (!clientInformation) throw await needsSignIn(`the client registration at ${login.issuer} is gone`, true);
    // Loaded on the first refresh: a process with no remote server signed in never loads the client SDK for it.
    const [{ OAuthError, OAuthErrorCode, refreshAuthorization }, { withNewTokens }, { resourceIndicator }] = await Promise.all([
      import('@modelcontextprotocol/client'),
      import('./logins-context.js'),
      import('./resource-indicator.js'),
    ]);
    try {
      const tokens = await refreshAuthorization(login.discovery.authorizationServerUrl, {
        metadata: login.discovery.authorizationServerMetadata,
        clientInformation,
        refreshToken: login.tokens.refresh_token!,
        resource: resourceIndicator(spec.url, login.discovery.resourceMetadata?.resource),
        fetchFn,
      });
      const next = withNewTokens(login, tokens, now());
      await book.save(spec.name, next);
      return next;
    } catch (error) {
      if (error instanceof OAuthError && error.code !== OAuthErrorCode.ServerError && error.code !== OAuthErrorCode.TemporarilyUnavailable) {
        throw await needsSignIn(refusedRefresh(error.code), true);
      }
      // Unreachable or failing server: send the old token; a 401 brings the SDK's own refresh.
      log(`[upstream-login] could not refresh the sign-in of ${spec.name} ahead of expiry: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** One refresh at a time per server: concurrent requests wait for the same one (a refresh token may be single-use). */
  function refreshOnce(login: StoredUpstreamLogin): Promise<StoredUpstreamLogin | undefined> {
    refreshing ??= refresh(login).finally(() => (refreshing = undefined));
    return refreshing;
  }

  /** Whether the keychain holds other tokens than the ones the SDK was handed (another process refreshed them). */
  async function replacedMeanwhile(): Promise<boolean> {
    const current = await book.refreshing(spec.name, async (stored) => stored);
    return current !== undefined && current.url === spec.url && current.tokens.refresh_token !== handedRefreshToken;
  }

  function sdkTokens(login: StoredUpstreamLogin): StoredOAuthTokens {
    handedRefreshToken = login.tokens.refresh_token;
    if (login.expiresAt === undefined) return login.tokens;
    return { ...login.tokens, expires_in: Math.max(0, Math.floor((login.expiresAt - now()) / 1000)) };
  }

  return {
    get redirectUrl() {
      return NO_REDIRECT;
    },
    get clientMetadata(): OAuthClientMetadata {
      return toolkitClientMetadata(NO_REDIRECT);
    },
    // The SDK's refresh after a 401 sends `resource` only when the server published RFC 9728 metadata, unless the provider says which.
    validateResourceURL: async (serverUrl, resource) => (await import('./resource-indicator.js')).resourceIndicator(serverUrl, resource),
    async tokens(ctx) {
      const login = await usableLogin();
      if (!login) return undefined;
      invalidatedReason = undefined;
      // `ctx` is given inside the SDK's auth(), which refreshes by itself; the transport's per-request read comes without.
      if (ctx !== undefined || login.expiresAt === undefined || login.expiresAt - now() > refreshMargin(login)) return sdkTokens(login);
      if (!login.tokens.refresh_token) {
        if (now() >= login.expiresAt) throw await needsSignIn(EXPIRED);
        return sdkTokens(login);
      }
      return sdkTokens((await refreshOnce(login)) ?? login);
    },
    async saveTokens(tokens) {
      const login = await requireLogin();
      const { withNewTokens } = await import('./logins-context.js');
      await book.save(spec.name, withNewTokens(login, tokens, now()));
    },
    async discoveryState(): Promise<OAuthDiscoveryState> {
      return (await requireLogin()).discovery;
    },
    saveDiscoveryState() {
      // The stored state came from the sign-in; the SDK only re-saves what it re-fetched.
    },
    async clientInformation(): Promise<StoredOAuthClientInformation> {
      const login = await requireLogin();
      const client = await clientOfLogin(secrets, spec, login);
      if (!client) throw await needsSignIn(`the client registration at ${login.issuer} is gone`, true);
      return client;
    },
    async saveClientInformation(info) {
      const login = await usableLogin();
      if (login?.client.kind === 'registered' && info.client_id === login.client.clientId) await saveRegistration(secrets, login.issuer, info);
    },
    async redirectToAuthorization() {
      // The SDK's refresh after a 401 failed because another process had just spent the refresh token: its tokens are good.
      if (handedRefreshToken !== undefined && (await replacedMeanwhile())) {
        throw new Error(`the sign-in of ${spec.name} was refreshed by another process meanwhile; try again`);
      }
      const login = await usableLogin();
      const reason = login === undefined ? await missingReason() : (invalidatedReason ?? (login.tokens.refresh_token ? NOT_REFRESHED : EXPIRED));
      throw await needsSignIn(reason);
    },
    saveCodeVerifier() {
      // No browser sign-in runs here.
    },
    codeVerifier() {
      throw new Error('no sign-in is in progress for the transport');
    },
    async invalidateCredentials(scope) {
      const login = await usableLogin();
      if ((scope === 'client' || scope === 'all') && login?.client.kind === 'registered') {
        invalidatedReason ??= `the authorization server ${login.issuer} no longer knows the toolkit's registration`;
        await deleteRegistration(secrets, login.issuer);
      }
      if (scope === 'tokens' || scope === 'all') {
        // Tokens another process saved after the SDK was handed these are not the ones refused: keep them.
        if (handedRefreshToken !== undefined && (await replacedMeanwhile())) return;
        const { OAuthErrorCode } = await import('@modelcontextprotocol/client');
        invalidatedReason ??= refusedRefresh(OAuthErrorCode.InvalidGrant);
        await book.needsSignIn(spec.name, invalidatedReason, { dropTokens: true });
      }
    },
  };
}
