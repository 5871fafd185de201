/**
 * The loopback rules, in one place: which hosts name this machine, where plain
 * http may be used, which redirect URIs a native app may listen on, and which
 * host a client uses to reach a server bound to a wildcard address. Pure (no
 * Node modules): the core, every host and the renderer may import it.
 *
 * A host is loopback when it is
 * - `localhost`, exactly (every system maps it to loopback in its hosts file);
 * - an IPv4 address in 127.0.0.0/8 (RFC 1122 §3.2.1.3), in any spelling the
 *   WHATWG URL parser reads as one (`127.1` is `127.0.0.1`);
 * - `::1` (RFC 4291 §2.5.3), with or without brackets, or an IPv4-mapped
 *   127.0.0.0/8 address (`::ffff:127.0.0.1`, how a dual-stack socket reports
 *   an IPv4 peer).
 *
 * Not loopback here: `*.localhost` and `localhost.` (trailing dot). RFC 6761
 * §6.3 asks resolvers to answer `*.localhost` with loopback, and browsers do,
 * but Node resolves names through the operating system, and some resolvers
 * send `app.localhost` to DNS. Plain http to such a name could leave the
 * machine, so it gets no loopback trust anywhere: not for keys, not for
 * issuers, not for links, not as a `Host`.
 */

/** The loopback hosts every system has, as `URL.hostname` spells them; a loopback-bound server answers to each. */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

/** Characters a host name or IP literal may have; anything else (`@`, `/`, `#`, `%`) is refused before parsing. */
const HOST_CHARACTERS = /^[0-9a-z.:[\]]+$/i;
/** 127.0.0.0/8 as the URL parser prints an IPv4 address. */
const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
/** `::ffff:127.x.y.z` as the URL parser prints it (`[::ffff:7f00:1]`). */
const IPV4_MAPPED_LOOPBACK = /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/;

/** The host as `URL.hostname` spells it (lower case, IPv6 in brackets, IPv4 dotted), or undefined when it is not one. */
function canonicalHost(host: string): string | undefined {
  if (!HOST_CHARACTERS.test(host)) return undefined;
  const literal = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return URL.canParse(`http://${literal}/`) ? new URL(`http://${literal}/`).hostname : undefined;
}

/**
 * True when `host` names this machine (see the rules above). Takes a bind
 * address (`::1`), a `URL.hostname` (`[::1]`), the name in a `Host` header, or
 * a peer address as a socket reports it (`::ffff:127.0.0.1`).
 */
export function isLoopbackHost(host: string): boolean {
  const name = canonicalHost(host);
  if (name === undefined) return false;
  return name === 'localhost' || name === '[::1]' || IPV4_LOOPBACK.test(name) || IPV4_MAPPED_LOOPBACK.test(name);
}

/** True for the addresses that mean "every interface": `0.0.0.0`, `::` (bracketed or not). */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/**
 * `https:` anywhere, plain `http:` only on a loopback host: where the server
 * may fetch signing keys and issuer metadata from, which issuers `login`
 * talks to, and which links the desktop app opens in the browser.
 */
export function isHttpsOrLoopbackHttp(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/**
 * The address a native app's redirect listener binds for `url` (RFC 8252
 * §7.3), or undefined when `url` is not a loopback redirect URI: plain `http`
 * to `127.0.0.1`, `[::1]` or `localhost` (bound as 127.0.0.1, as §8.3
 * advises), no user info, no query, no fragment. Only these three names,
 * because the listener must bind the address itself and other 127.x.y.z
 * addresses do not exist on every system.
 */
export function loopbackRedirectBindAddress(url: URL): '127.0.0.1' | '::1' | undefined {
  if (url.protocol !== 'http:' || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return undefined;
  if (url.hostname === '[::1]') return '::1';
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' ? '127.0.0.1' : undefined;
}

/**
 * The host part of a URL that reaches a server bound to `bindHost`: wildcard
 * binds (and an empty host) are reached on loopback, IPv6 literals get brackets.
 */
export function reachableUrlHost(bindHost: string): string {
  if (bindHost === '' || bindHost === '0.0.0.0') return '127.0.0.1';
  if (bindHost === '::' || bindHost === '[::]') return '[::1]';
  return bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost;
}
