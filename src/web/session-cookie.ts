/** The dashboard's session cookie (RFC 6265). */

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
