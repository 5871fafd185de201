import {
  buildDiscoveryUrls,
  discoverOAuthServerInfo,
  extractWWWAuthenticateParams,
  LATEST_PROTOCOL_VERSION,
  type AuthorizationServerMetadata,
  type FetchLike,
  type OAuthDiscoveryState,
} from '@modelcontextprotocol/client';
import { isHttpsOrLoopbackHttp } from '../../shared/loopback.js';
import type { HttpUpstream } from '../gateway/upstream-spec.js';
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
 * (`resource_metadata`) and the scope; then `discoverOAuthServerInfo` (the
 * metadata from that URL or the well-known fallbacks, then RFC 8414, then
 * OpenID discovery). Adds what the SDK does not check: the authorization
 * server must publish metadata and list `S256` (PKCE; the SDK only refuses
 * when the list exists and lacks it).
 */
export async function discoverUpstream(spec: HttpUpstream, fetchFn: FetchLike): Promise<UpstreamDiscovery> {
  const challenge = await probeChallenge(spec.url, fetchFn);
  let info;
  try {
    info = await discoverOAuthServerInfo(spec.url, { resourceMetadataUrl: challenge.resourceMetadataUrl, fetchFn });
  } catch (error) {
    throw discoveryFailed(spec, (error as Error).message, error);
  }
  const metadata = info.authorizationServerMetadata;
  if (metadata === undefined) {
    throw discoveryFailed(spec, `no OAuth authorization server metadata was found at ${info.authorizationServerUrl}`);
  }
  if (!metadata.code_challenge_methods_supported?.includes('S256')) {
    throw new UpstreamLoginError(
      'UPSTREAM_LOGIN_NO_S256',
      `The authorization server of \`${spec.name}\` (${metadata.issuer}) does not advertise PKCE with S256, which a safe sign-in requires; the toolkit will not sign in there.`,
    );
  }
  const known = 'revocation_endpoint' in metadata ? metadata.revocation_endpoint : undefined;
  const revocationEndpoint = known ?? (await revocationEndpointOf(info.authorizationServerUrl, metadata.issuer, fetchFn));
  return {
    state: {
      authorizationServerUrl: info.authorizationServerUrl,
      ...(challenge.resourceMetadataUrl ? { resourceMetadataUrl: challenge.resourceMetadataUrl.href } : {}),
      ...(info.resourceMetadata ? { resourceMetadata: info.resourceMetadata } : {}),
      authorizationServerMetadata: { ...metadata, ...(revocationEndpoint !== undefined ? { revocation_endpoint: revocationEndpoint } : {}) } as AuthorizationServerMetadata,
    },
    ...(challenge.scope ? { challengeScope: challenge.scope } : {}),
  };
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
 * the same well-known documents, in the SDK's order; only an https (or
 * loopback http) URL of a document naming the same issuer is taken.
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
      return typeof document.revocation_endpoint === 'string' && isSafeEndpoint(document.revocation_endpoint) ? document.revocation_endpoint : undefined;
    } catch {
      // Not there, or not JSON: the next well-known document.
    }
  }
  return undefined;
}

function isSafeEndpoint(value: string): boolean {
  return URL.canParse(value) && isHttpsOrLoopbackHttp(new URL(value));
}
