/**
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
import { hostnameOfHostHeader } from '../core/server/request-guards.js';
import { isLoopbackHost } from '../shared/loopback.js';

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

/** The value of cookie `name` in a `Cookie` header (RFC 6265 §5.4), or undefined. */
export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  if (cookieHeader === undefined) return undefined;
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator === -1) continue;
    if (pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

/** Name of the session cookie; the port keeps two dashboards on one machine apart (cookies ignore ports). */
export function sessionCookieName(port: number): string {
  return `mcp_toolkit_dashboard_${port}`;
}

/**
 * `Set-Cookie` for the dashboard session (RFC 6265bis): `HttpOnly` so page
 * scripts never see it, `SameSite=Strict` so no cross-site request carries it,
 * no `Expires`/`Max-Age` so it ends with the browser session. Not `Secure`:
 * the dashboard is plain HTTP on loopback.
 */
export function sessionCookieHeader(name: string, value: string): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict`;
}

/** `Set-Cookie` that removes the session cookie (an expiry in the past, RFC 6265 §5.3 step 11). */
export function clearSessionCookieHeader(name: string): string {
  return `${name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}

/** True when a `Content-Type` names JSON (parameters such as `charset` allowed). */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.split(';')[0]!.trim().toLowerCase() === 'application/json';
}
