/**
 * Loopback host names and addresses (RFC 8252 §7.3, RFC 6761 §6.3).
 * `URL.hostname` keeps the brackets of an IPv6 literal, so `[::1]` is listed as such.
 */
const LOOPBACK_HOSTNAMES = new Set(['localhost', '[::1]']);

/** True when `hostname` (as `URL.hostname` spells it) names this machine. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_HOSTNAMES.has(host) || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host);
}
