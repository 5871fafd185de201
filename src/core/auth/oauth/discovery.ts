import { BoundedFetchError, boundedFetch, METADATA_MAX_BYTES } from '../../http/bounded-fetch.js';
import { isHttpsOrLoopbackHttp } from '../../../shared/loopback.js';

/** Discovery went wrong; the message says where and why, never a secret. */
export class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';
}

/**
 * Metadata URLs to try for `issuer`, in order:
 * 1. OpenID Connect Discovery 1.0 §4: `<issuer>/.well-known/openid-configuration`;
 * 2. RFC 8414 §3.1: `<origin>/.well-known/oauth-authorization-server<path>`
 *    (the well-known segment inserted before the issuer's path);
 * 3. for an issuer with a path, RFC 8414 §5's OIDC variant with the same insertion.
 */
export function discoveryUrls(issuer: string): URL[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/$/, '');
  const urls = [
    `${url.origin}${path}/.well-known/openid-configuration`,
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
  ];
  if (path !== '') urls.push(`${url.origin}/.well-known/openid-configuration${path}`);
  return urls.map((href) => new URL(href));
}

interface DiscoveryDeps {
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
}

async function download(url: URL, deps: DiscoveryDeps): Promise<Response> {
  try {
    return await boundedFetch(
      url,
      { headers: { accept: 'application/json' }, redirect: 'manual' },
      { fetch: deps.fetch, timeoutMs: deps.timeoutMs, maxBytes: METADATA_MAX_BYTES },
    );
  } catch (error) {
    if (error instanceof BoundedFetchError) throw new DiscoveryError(error.message, { cause: error });
    throw error;
  }
}

async function fetchMetadata(url: URL, deps: DiscoveryDeps): Promise<Record<string, unknown> | undefined> {
  const response = await download(url, deps);
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new DiscoveryError(`${url.href} answered HTTP ${response.status}`);
  const body: unknown = await response.json().catch(() => undefined);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DiscoveryError(`${url.href} did not return a JSON object`);
  }
  return body as Record<string, unknown>;
}

/**
 * Finds the issuer's `jwks_uri` from its metadata. The document's `issuer`
 * must equal the configured one exactly (RFC 8414 §3.3, OIDC Discovery §4.3),
 * and the `jwks_uri` must be https (plain http only on loopback).
 */
export async function discoverJwksUri(issuer: string, deps: DiscoveryDeps): Promise<URL> {
  for (const url of discoveryUrls(issuer)) {
    const metadata = await fetchMetadata(url, deps);
    if (!metadata) continue;
    if (metadata.issuer !== issuer) {
      throw new DiscoveryError(`${url.href} names issuer "${String(metadata.issuer)}", expected "${issuer}"`);
    }
    if (typeof metadata.jwks_uri !== 'string') throw new DiscoveryError(`${url.href} has no jwks_uri`);
    const jwksUri = new URL(metadata.jwks_uri);
    if (!isHttpsOrLoopbackHttp(jwksUri)) throw new DiscoveryError(`${url.href} names a non-https jwks_uri`);
    return jwksUri;
  }
  throw new DiscoveryError(`no authorization server metadata found for issuer ${issuer}`);
}
