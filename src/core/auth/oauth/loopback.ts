/**
 * True when `hostname` (as `URL.hostname` spells it, IPv6 in brackets) names
 * this machine: `localhost`, `*.localhost`, 127.0.0.0/8 or `[::1]`
 * (RFC 6761 §6.3, RFC 8252 §7.3).
 */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** `https:` anywhere, `http:` only on a loopback host: where keys may be fetched from. */
export function isTrustedKeySource(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHostname(url.hostname));
}
