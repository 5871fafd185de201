import {
  buildDiscoveryUrls,
  discoverAuthorizationServerMetadata,
  discoverOAuthProtectedResourceMetadata,
  extractWWWAuthenticateParams,
  LATEST_PROTOCOL_VERSION,
  type AuthorizationServerMetadata,
  type FetchLike,
  type OAuthDiscoveryState,
  type OAuthProtectedResourceMetadata,
} from '@modelcontextprotocol/client';
import type { HttpUpstream } from '../gateway/upstream-spec.js';
import { requireSecureEndpoints, requireSecureUrl } from './secure-urls.js';
import { UpstreamLoginError } from './upstream-login-error.js';

export interface UpstreamDiscovery {
  readonly state: OAuthDiscoveryState;
  /** The `scope` of the server's 401 challenge, when it gave one. */
  readonly challengeScope?: string;
}

/**
 * Finds the authorization server of `spec` the way the MCP authorization
 * spec says, with the SDK doing the protocol: one unauthenticated request to
 * the server, whose 401 `WWW-Authenticate` may name the RFC 9728 metadata
 * (`resource_metadata`) and the scope; then the protected resource metadata
 * (that URL or the well-known fallbacks), then RFC 8414 or OpenID discovery
 * at its first authorization server (else at the server's origin), the steps
 * of the SDK's `discoverOAuthServerInfo` taken one by one so that each URL a
 * server names is checked before it is fetched. Adds what the SDK does not
 * check: every URL taken from an answer (the metadata URL, the authorization
 * servers, the endpoints) must be https or plain http on this computer; the
 * authorization server must publish metadata and list `S256` (PKCE; the SDK
 * only refuses when the list exists and lacks it).
 */
export async function discoverUpstream(spec: HttpUpstream, fetchFn: FetchLike): Promise<UpstreamDiscovery> {
  const challenge = await probeChallenge(spec.url, fetchFn);
  requireSecureUrl(spec, 'its 401 challenge', 'resource_metadata', challenge.resourceMetadataUrl?.href);
  let authorizationServerUrl: string;
  let resourceMetadata: OAuthProtectedResourceMetadata | undefined;
  let found: AuthorizationServerMetadata | undefined;
  try {
    resourceMetadata = await protectedResourceMetadata(spec.url, challenge.resourceMetadataUrl, fetchFn);
    resourceMetadata?.authorization_servers?.forEach((server, index) => requireSecureUrl(spec, 'its protected resource metadata', `authorization_servers[${index}]`, server));
    authorizationServerUrl = resourceMetadata?.authorization_servers?.[0] ?? String(new URL('/', spec.url));
    found = await discoverAuthorizationServerMetadata(authorizationServerUrl, { fetchFn });
  } catch (error) {
    if (error instanceof UpstreamLoginError) throw error;
    throw discoveryFailed(spec, (error as Error).message, error);
  }
  if (found === undefined) {
    throw discoveryFailed(spec, `no OAuth authorization server metadata was found at ${authorizationServerUrl}`);
  }
  if (!found.code_challenge_methods_supported?.includes('S256')) {
    throw new UpstreamLoginError(
      'UPSTREAM_LOGIN_NO_S256',
      `The authorization server of \`${spec.name}\` (${found.issuer}) does not advertise PKCE with S256, which a safe sign-in requires; the toolkit will not sign in there.`,
    );
  }
  const known = 'revocation_endpoint' in found ? found.revocation_endpoint : undefined;
  const revocationEndpoint = known ?? (await revocationEndpointOf(authorizationServerUrl, found.issuer, fetchFn));
  const metadata = { ...found, ...(revocationEndpoint !== undefined ? { revocation_endpoint: revocationEndpoint } : {}) } as AuthorizationServerMetadata;
  requireSecureEndpoints(spec, metadata);
  return {
    state: {
      authorizationServerUrl,
      ...(challenge.resourceMetadataUrl ? { resourceMetadataUrl: challenge.resourceMetadataUrl.href } : {}),
      ...(resourceMetadata ? { resourceMetadata } : {}),
      authorizationServerMetadata: metadata,
    },
    ...(challenge.scope ? { challengeScope: challenge.scope } : {}),
  };
}

/**
 * The RFC 9728 metadata of the server, or undefined when it publishes none,
 * as `discoverOAuthServerInfo` reads it: a network failure ends the
 * discovery, any other failure (404, not JSON) means "none".
 */
async function protectedResourceMetadata(serverUrl: string, resourceMetadataUrl: URL | undefined, fetchFn: FetchLike): Promise<OAuthProtectedResourceMetadata | undefined> {
  try {
    return await discoverOAuthProtectedResourceMetadata(serverUrl, { resourceMetadataUrl }, fetchFn);
  } catch (error) {
    if (error instanceof TypeError) throw error;
    return undefined;
  }
}

/**
 * An MCP `initialize` sent without a token: a protected server answers 401
 * with its challenge. Any other answer (or none) just means no hint; the
 * well-known paths are tried next. The server's static headers are not sent.
 */
async function probeChallenge(url: string, fetchFn: FetchLike): Promise<{ resourceMetadataUrl?: URL; scope?: string }> {
  try {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 0,
        method: 'initialize',
        params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'mcp-toolkit', version: '0' } },
      }),
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status !== 401) return {};
    const { resourceMetadataUrl, scope } = extractWWWAuthenticateParams(response);
    return { ...(resourceMetadataUrl ? { resourceMetadataUrl } : {}), ...(scope ? { scope } : {}) };
  } catch {
    return {};
  }
}

function discoveryFailed(spec: HttpUpstream, detail: string, cause?: unknown): UpstreamLoginError {
  return new UpstreamLoginError(
    'UPSTREAM_LOGIN_DISCOVERY_FAILED',
    `Could not find how to sign in to \`${spec.name}\` (${spec.url}): ${detail}.`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * The RFC 7009 revocation endpoint of an authorization server found through
 * OpenID discovery: the SDK's schema for that document drops the field (it
 * keeps it for RFC 8414 documents), so sign-out could not revoke. Read from
 * the same well-known documents, in the SDK's order, from a document naming
 * the same issuer (the caller checks that it is https).
 */
async function revocationEndpointOf(authorizationServerUrl: string, issuer: string, fetchFn: FetchLike): Promise<string | undefined> {
  for (const { url } of buildDiscoveryUrls(authorizationServerUrl)) {
    try {
      const response = await fetchFn(url, { headers: { accept: 'application/json' } });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        continue;
      }
      const document = (await response.json()) as { issuer?: unknown; revocation_endpoint?: unknown };
      if (document.issuer !== issuer) continue;
      return typeof document.revocation_endpoint === 'string' ? document.revocation_endpoint : undefined;
    } catch {
      // Not there, or not JSON: the next well-known document.
    }
  }
  return undefined;
}
