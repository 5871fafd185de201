import { reachableUrlHost } from '../../../shared/loopback.js';

/** RFC 9728 §2 Protected Resource Metadata, the fields this server publishes. */
export interface ProtectedResourceMetadata {
  readonly resource: string;
  readonly authorization_servers: readonly string[];
  readonly bearer_methods_supported: readonly ['header'];
  readonly scopes_supported?: readonly string[];
}

/** Path of the MCP endpoint the metadata describes. */
export const MCP_PATH = '/mcp';

const WELL_KNOWN = '/.well-known/oauth-protected-resource';

/**
 * The metadata document of the resource at `resourceUrl` (RFC 9728 §2).
 * Bearer tokens are only accepted in the `Authorization` header (RFC 6750 §2.1).
 */
export function buildProtectedResourceMetadata(input: {
  resourceUrl: string;
  issuer: string;
  requiredScopes?: readonly string[];
}): ProtectedResourceMetadata {
  const scopes = input.requiredScopes ?? [];
  return {
    resource: input.resourceUrl,
    authorization_servers: [input.issuer],
    bearer_methods_supported: ['header'],
    ...(scopes.length > 0 ? { scopes_supported: [...scopes] } : {}),
  };
}

/**
 * Where the metadata of `resourceUrl` lives (RFC 9728 §3.1): the well-known
 * suffix is inserted between the origin and the path, a trailing `/` dropped:
 * `https://h/mcp` → `https://h/.well-known/oauth-protected-resource/mcp`.
 */
export function resourceMetadataUrl(resourceUrl: string): string {
  const url = new URL(resourceUrl);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return `${url.origin}${WELL_KNOWN}${path}`;
}

/**
 * Canonical URI of this server's `/mcp` endpoint (RFC 8707 §2, MCP
 * authorization spec): `publicBaseUrl` + `/mcp` behind a reverse proxy,
 * otherwise `http://<host>:<port>/mcp`. Lower-case scheme and host, default
 * port dropped, no fragment (the WHATWG URL parser normalises these).
 */
export function canonicalResourceUrl(input: { host: string; port: number; publicBaseUrl?: string }): string {
  const base = input.publicBaseUrl
    ? new URL(input.publicBaseUrl)
    : new URL(`http://${reachableUrlHost(input.host)}:${input.port}`);
  base.hash = '';
  base.search = '';
  base.pathname = `${base.pathname.replace(/\/+$/, '')}${MCP_PATH}`;
  return base.href;
}
