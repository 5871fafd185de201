/**
 * DNS-rebinding protection (MCP Streamable HTTP, "Security Warning"): a local
 * server must check `Host` and `Origin`, or a web page on another origin could
 * reach it through a rebound DNS name.
 */
import { isLoopbackHost, isWildcardHost, LOOPBACK_NAMES } from '../../shared/loopback.js';

/** Lower-cased hostname of a `Host` header value, without the port. */
export function hostnameOfHostHeader(host: string): string | undefined {
  const value = host.trim().toLowerCase();
  if (value === '') return undefined;
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end === -1 ? undefined : value.slice(0, end + 1);
  }
  const colon = value.indexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

/**
 * The hostnames a request's `Host` may name: the loopback names when bound to
 * loopback, the bound address itself, and whatever the user added for a
 * reverse proxy.
 */
export function allowedHostnames(boundHost: string, extra: readonly string[]): Set<string> {
  const names = new Set<string>(extra.map((h) => hostnameOfHostHeader(h) ?? h.toLowerCase()));
  const bound = boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost}]` : boundHost;
  names.add(bound.toLowerCase());
  if (isLoopbackHost(bound) || isWildcardHost(bound)) {
    for (const name of LOOPBACK_NAMES) names.add(name);
  }
  return names;
}

/** `undefined` when the Host header is acceptable, else why not. */
export function checkHost(hostHeader: string | undefined, allowed: ReadonlySet<string>): string | undefined {
  if (hostHeader === undefined) return 'missing Host header';
  const name = hostnameOfHostHeader(hostHeader);
  if (name === undefined || !allowed.has(name)) return `Host "${hostHeader}" is not allowed`;
  return undefined;
}

/**
 * `undefined` when the Origin header is absent (non-browser clients) or names a
 * local origin or one the user allowed; else why it is refused.
 */
export function checkOrigin(origin: string | undefined, allowedOrigins: readonly string[]): string | undefined {
  if (origin === undefined) return undefined;
  if (allowedOrigins.includes(origin)) return undefined;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `Origin "${origin}" is not a valid origin`;
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)) return undefined;
  return `Origin "${origin}" is not allowed`;
}

/** How many `Host` headers a request carries (Node keeps only the first in `req.headers`). */
export function hostHeaderCount(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === 'host') count += 1;
  return count;
}

/**
 * `undefined` unless a browser could have sent this request without a CORS
 * preflight: a POST carrying an `Origin` whose content type is not JSON (the
 * "simple" types `text/plain`, forms, or none). Such a request is refused, so a
 * page on any other local web server cannot run tools with a blind post.
 * Requests without `Origin` (curl, agents) keep their lenient content type.
 */
export function checkBrowserContentType(origin: string | undefined, method: string | undefined, contentType: string | undefined): string | undefined {
  if (origin === undefined || method !== 'POST') return undefined;
  if (contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType)) return undefined;
  return 'a request with an Origin header must send Content-Type: application/json';
}
