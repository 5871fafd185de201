import { randomBytes } from 'node:crypto';
import { auth, computeScopeUnion, type FetchLike } from '@modelcontextprotocol/client';
import type { UpstreamSignInView } from '../../shared/gateway-types.js';
import type { HttpUpstream } from '../gateway/upstream-spec.js';
import { isLoginError, LoginError } from '../login/login-error.js';
import { startLoopbackListener, type LoopbackListener } from '../login/loopback-listener.js';
import { chooseClient } from './choose-client.js';
import { configuredClient, readRegistration } from './client-identity.js';
import { discoverUpstream, type UpstreamDiscovery } from './discovery.js';
import { withNewTokens, type LoginsContext } from './logins-context.js';
import { createSignInProvider, type SignInProvider } from './sign-in-provider.js';
import { refusePlainHttpServer } from './secure-urls.js';
import { signOutOfOtherUrl } from './sign-out.js';
import { compactDiscovery, scopesOf, type ClientKind, type StoredUpstreamLogin } from './stored-login.js';
import type { UpstreamSignInEvent, UpstreamSignInOptions } from './types.js';
import { cancelledSignIn, fromLoginError, UpstreamLoginError } from './upstream-login-error.js';

/** A registered or metadata-document client listens on any free loopback port (RFC 8252 §7.3). */
const EPHEMERAL_REDIRECT_URI = 'http://127.0.0.1:0/callback';
/** Longest an SDK error text is quoted in a message. */
const MAX_DETAIL = 300;

/**
 * One sign-in to a remote server (MCP authorization, client side), refused
 * for a plain-http server on another computer: discover (401 challenge,
 * RFC 9728, RFC 8414/OIDC; https URLs only; S256 required) → pick the client
 * (configured ID, else a Client ID Metadata Document, else a kept or new
 * dynamic registration) → loopback listener (checks `state` and RFC 9207
 * `iss`) → the SDK's `auth()` builds the authorization request (PKCE S256,
 * `resource`) → browser → the SDK's `auth()` redeems the code (checks `iss`
 * again, sends `resource`) → tokens to the keychain. Nothing is stored when
 * it fails or is cancelled (except a new registration, which is per server
 * and reusable).
 */
export async function runSignIn(context: LoginsContext, spec: HttpUpstream, options: UpstreamSignInOptions): Promise<UpstreamSignInView> {
  const report = safeReporter(options.onProgress);
  const fetchFn = withSignal(context.fetchFn, options.signal);
  let listener: LoopbackListener | undefined;
  try {
    if (options.signal?.aborted) throw cancelledSignIn();
    refusePlainHttpServer(spec);
    await signOutOfOtherUrl(context, spec);
    report({ step: 'discovering' });
    const discovery = await discoverUpstream(spec, fetchFn);
    const metadata = discovery.state.authorizationServerMetadata!;
    assertPinnedIssuer(spec, metadata.issuer);
    const configured = await configuredClient(context.secrets, spec, metadata.issuer);
    if (configured?.client_secret !== undefined && spec.auth?.issuer === undefined) {
      throw new UpstreamLoginError(
        'UPSTREAM_LOGIN_ISSUER_REQUIRED',
        `The client secret of \`${spec.name}\` is sent only to the authorization server its settings name, and they name none: add it again with --issuer URL (\`mcp-toolkit servers add ${spec.name} --url … --client-id … --client-secret-stdin --issuer URL\`).`,
      );
    }
    const kept = configured ? undefined : await readRegistration(context.secrets, metadata.issuer);
    const client = chooseClient({ spec, metadata, configured, kept });
    if (client.kind !== 'configured' && client.info === undefined) report({ step: 'registering' });

    const state = randomBytes(32).toString('base64url');
    listener = await startLoopbackListener({
      // A pre-registered client's redirect URI is the one `mcp-toolkit login` uses, which users register.
      redirectUri: client.kind === 'configured' ? context.configuredClientRedirectUri : EPHEMERAL_REDIRECT_URI,
      state,
      issuer: metadata.issuer,
      issuerParameterRequired: metadata.authorization_response_iss_parameter_supported === true,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    const provider = createSignInProvider({
      secrets: context.secrets,
      redirectUri: listener.redirectUri,
      state,
      discovery: discovery.state,
      ...(client.info ? { client: { kind: client.kind, info: client.info } } : {}),
      ...(client.kind === 'metadata-document' ? { clientMetadataUrl: spec.auth?.clientMetadataUrl } : {}),
    });
    const scope = requestedScope(spec, discovery, options.scope);

    await runAuth(spec, provider, { serverUrl: spec.url, scope, fetchFn }, client.kind);
    const authorizationUrl = provider.authorizationUrl();
    if (!authorizationUrl) throw new UpstreamLoginError('UPSTREAM_LOGIN_TOKEN_EXCHANGE_FAILED', `The sign-in to \`${spec.name}\` did not produce an authorization request.`);
    report({ step: 'waiting-for-browser', url: authorizationUrl.href });
    openWithoutBlocking(options.openUrl, authorizationUrl.href, listener);
    const callback = await listener.callback;

    report({ step: 'exchanging' });
    const code = callback.searchParams.get('code')!;
    const iss = callback.searchParams.get('iss') ?? undefined;
    await runAuth(spec, provider, { serverUrl: spec.url, scope, fetchFn, authorizationCode: code, ...(iss ? { iss } : {}) }, client.kind);
    const login = storedLogin(context, spec, discovery, provider);
    await context.book.save(spec.name, login);
    report({ step: 'done' });
    return { state: 'signed-in', issuer: login.issuer, ...(login.subject ? { subject: login.subject } : {}), scopes: scopesOf(login.tokens.scope), ...(login.expiresAt !== undefined ? { expiresAt: login.expiresAt } : {}) };
  } catch (error) {
    const failure = asUpstreamLoginError(error, spec, options.signal);
    report(failure.code === 'UPSTREAM_LOGIN_CANCELLED' ? { step: 'cancelled' } : { step: 'failed', code: failure.code, message: failure.message });
    throw failure;
  } finally {
    await listener?.close();
  }
}

/**
 * The scope asked for: the configured one, else the server's 401 challenge,
 * else its resource metadata; plus `openid` when the authorization server
 * offers it (to show the account), plus the step-up scope. The SDK adds
 * `offline_access` when offered (for a refresh token).
 */
function requestedScope(spec: HttpUpstream, discovery: UpstreamDiscovery, extra: string | undefined): string | undefined {
  const usual = spec.auth?.scope ?? discovery.challengeScope ?? discovery.state.resourceMetadata?.scopes_supported?.join(' ');
  const openid = discovery.state.authorizationServerMetadata?.scopes_supported?.includes('openid') ? 'openid' : undefined;
  return computeScopeUnion(usual, openid, extra);
}

async function runAuth(spec: HttpUpstream, provider: SignInProvider, options: Parameters<typeof auth>[1], kind: ClientKind): Promise<void> {
  try {
    await auth(provider, options);
  } catch (error) {
    if (error instanceof UpstreamLoginError) throw error;
    const detail = describe(error);
    if (options.authorizationCode === undefined && kind === 'registered' && provider.client() === undefined) {
      throw new UpstreamLoginError('UPSTREAM_LOGIN_REGISTRATION_FAILED', `The authorization server of \`${spec.name}\` refused to register MCP Toolkit: ${detail}`, { cause: error });
    }
    if ((error as { name?: string }).name === 'IssuerMismatchError') {
      throw new UpstreamLoginError('UPSTREAM_LOGIN_ISSUER_MISMATCH', `The sign-in to \`${spec.name}\` came back from another issuer: ${detail}`, { cause: error });
    }
    throw new UpstreamLoginError('UPSTREAM_LOGIN_TOKEN_EXCHANGE_FAILED', `The sign-in to \`${spec.name}\` failed: ${detail}`, { cause: error });
  }
}

function storedLogin(context: LoginsContext, spec: HttpUpstream, discovery: UpstreamDiscovery, provider: SignInProvider): StoredUpstreamLogin {
  const tokens = provider.receivedTokens();
  const client = provider.client();
  if (!tokens || !client) throw new UpstreamLoginError('UPSTREAM_LOGIN_TOKEN_EXCHANGE_FAILED', `The sign-in to \`${spec.name}\` returned no tokens.`);
  const issuer = discovery.state.authorizationServerMetadata!.issuer;
  const base: StoredUpstreamLogin = { version: 1, url: spec.url, issuer, client, tokens: { access_token: '', token_type: 'Bearer' }, discovery: compactDiscovery(discovery.state) };
  return withNewTokens(base, tokens, context.now());
}

/** Aborting the sign-in also aborts its requests to the servers. */
function withSignal(fetchFn: FetchLike, signal: AbortSignal | undefined): FetchLike {
  if (!signal) return fetchFn;
  return (url, init) => fetchFn(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
}

function openWithoutBlocking(openUrl: UpstreamSignInOptions['openUrl'], url: string, listener: LoopbackListener): void {
  Promise.resolve()
    .then(() => openUrl(url))
    .catch((error: unknown) => {
      void listener.close(new LoginError('BROWSER_OPEN_FAILED', `Could not open the browser: ${describe(error)}`, { cause: error }));
    });
}

function asUpstreamLoginError(error: unknown, spec: HttpUpstream, signal: AbortSignal | undefined): UpstreamLoginError {
  if (signal?.aborted) return cancelledSignIn();
  if (error instanceof UpstreamLoginError) return error;
  if (isLoginError(error)) return fromLoginError(error);
  return new UpstreamLoginError('UPSTREAM_LOGIN_TOKEN_EXCHANGE_FAILED', `The sign-in to \`${spec.name}\` failed: ${describe(error)}`, { cause: error });
}

/** An error's text, short: SDK errors may quote a server's answer. */
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}

/** A progress listener that throws must not break the sign-in. */
function safeReporter(onProgress: UpstreamSignInOptions['onProgress']): (event: UpstreamSignInEvent) => void {
  return (event) => {
    try {
      onProgress?.(event);
    } catch {
      // informational only
    }
  };
}

/**
 * A server whose settings name its authorization server (`auth.issuer`) is
 * signed in there only: metadata naming another one (a server that moved, or
 * one that would send the sign-in, and a client secret, elsewhere) is refused.
 */
function assertPinnedIssuer(spec: HttpUpstream, discovered: string): void {
  const pinned = spec.auth?.issuer;
  if (pinned === undefined || sameIssuer(pinned, discovered)) return;
  throw new UpstreamLoginError(
    'UPSTREAM_LOGIN_ISSUER_MISMATCH',
    `\`${spec.name}\` names the authorization server ${discovered}, but its settings say ${pinned} (auth.issuer): the toolkit signs in there only. If the server really moved, remove it and add it again with the new --issuer.`,
  );
}

/** Issuer identifiers compared as RFC 8414 does (exact), forgiving only a trailing slash. */
function sameIssuer(a: string, b: string): boolean {
  return a.replace(/\/$/, '') === b.replace(/\/$/, '');
}
