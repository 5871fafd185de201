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
  if (isJsonContentType(contentType)) return undefined;
  return 'a request with an Origin header must send Content-Type: application/json';
}

/*
 * Checks of the browser dashboard (a page served from loopback):
 * Pure checks of a request to the dashboard, before any handler runs.
 *
 * - `Host` must name a loopback host (DNS-rebinding protection, as the MCP
 *   Streamable HTTP transport asks of local servers); any port is accepted so
 *   an SSH tunnel (`ssh -L 9000:127.0.0.1:8001`) keeps working.
 * - The page's own origin is `http://<Host>`; a state-changing call must carry
 *   exactly that `Origin` (RFC 6454 §7, Fetch "Origin header"). Cookies are not
 *   isolated by port (RFC 6265 §8.5), so a page on another local port is
 *   "same-site" and would send our cookie: the Origin check is what stops it.
 * - `Sec-Fetch-Site` (Fetch Metadata), when the browser sends it, must be
 *   `same-origin` for the API.
 */

export type Check<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const PORT_PATTERN = /^\d{1,5}$/;

/** The dashboard's origin as the browser sees it, from a loopback `Host` header; refused otherwise. */
export function originFromHost(hostHeader: string | undefined): Check<string> {
  if (hostHeader === undefined || hostHeader.trim() === '') return { ok: false, reason: 'missing Host header' };
  const host = hostHeader.trim().toLowerCase();
  const hostname = hostnameOfHostHeader(host);
  if (hostname === undefined || !isLoopbackHost(hostname)) return { ok: false, reason: `Host "${hostHeader}" is not a loopback name` };
  const rest = host.slice(hostname.length);
  if (rest !== '' && !(rest.startsWith(':') && PORT_PATTERN.test(rest.slice(1)))) {
    return { ok: false, reason: `Host "${hostHeader}" is not a host and port` };
  }
  return { ok: true, value: `http://${host}` };
}

/** A state-changing request must name the dashboard's own origin; absent or different is refused. */
export function checkSameOrigin(originHeader: string | undefined, expectedOrigin: string): Check<void> {
  if (originHeader === undefined) return { ok: false, reason: 'missing Origin header' };
  if (originHeader.toLowerCase() !== expectedOrigin) return { ok: false, reason: `Origin "${originHeader}" is not the dashboard's` };
  return { ok: true, value: undefined };
}

/**
 * A read of the API (the event stream): `Origin` may be absent (same-origin
 * `EventSource` requests omit it) but when present must be ours.
 */
export function checkOriginIfPresent(originHeader: string | undefined, expectedOrigin: string): Check<void> {
  return originHeader === undefined ? { ok: true, value: undefined } : checkSameOrigin(originHeader, expectedOrigin);
}

/** Fetch Metadata: refuse API requests the browser says come from another origin. Absent (old browsers, scripts) is allowed. */
export function checkFetchSite(secFetchSite: string | undefined): Check<void> {
  if (secFetchSite === undefined || secFetchSite === 'same-origin') return { ok: true, value: undefined };
  return { ok: false, reason: `Sec-Fetch-Site "${secFetchSite}" is not same-origin` };
}

/** True when a `Content-Type` names JSON (parameters such as `charset` allowed). */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.split(';')[0]!.trim().toLowerCase() === 'application/json';
}
