import { isIP } from 'node:net';
import { isHttpsOrLoopbackHttp, loopbackRedirectBindAddress } from '../../shared/loopback.js';

/**
 * Pure checks for the text values a setting can hold. Each `check…` returns
 * `undefined` when the value is fine, `INVALID` when it simply does not match
 * (the caller then says what was expected), or a sentence for a specific problem.
 */
export const INVALID = Symbol('invalid');
export type Verdict = undefined | typeof INVALID | string;

const CREDENTIALS_IN_URL = 'must not contain a user name or password (secrets belong in the keychain)';

/** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens, at most 253 characters. */
export function isHostName(text: string): boolean {
  const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
  return text.length <= 253 && text.split('.').every((part) => label.test(part));
}

/** `::1` from `[::1]`; other hosts unchanged. */
export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** An address to bind: an IPv4/IPv6 literal (brackets allowed) or a host name. */
export function checkBindHost(text: string): Verdict {
  const host = unbracket(text);
  return isIP(host) !== 0 || isHostName(host) ? undefined : INVALID;
}

/** A Host header value to accept: host name, IPv4, or `[IPv6]`, each optionally with `:port`. */
export function checkHostHeader(text: string): Verdict {
  const match = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match) return INVALID;
  const [, host = '', port] = match;
  if (port !== undefined && Number(port) > 65535) return INVALID;
  if (host.startsWith('[')) return isIP(unbracket(host)) === 6 ? undefined : INVALID;
  return isIP(host) === 4 || isHostName(host) ? undefined : INVALID;
}

function parseUrl(text: string): URL | undefined {
  return URL.canParse(text) ? new URL(text) : undefined;
}

function hasCredentials(url: URL): boolean {
  return url.username !== '' || url.password !== '';
}

/** An http: or https: URL without user name or password. */
export function checkHttpUrl(text: string): Verdict {
  const url = parseUrl(text);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return INVALID;
  return hasCredentials(url) ? CREDENTIALS_IN_URL : undefined;
}

/** An https URL, or http on a loopback host (a local identity provider in development and tests); the server's own rule. */
export function checkJwksUri(text: string): Verdict {
  const verdict = checkHttpUrl(text);
  if (verdict !== undefined) return verdict;
  return isHttpsOrLoopbackHttp(new URL(text)) ? undefined : INVALID;
}

/** A loopback redirect URI as RFC 8252 section 7.3 prescribes for native apps; the rule `login` applies. */
export function checkLoopbackRedirectUri(text: string): Verdict {
  const verdict = checkHttpUrl(text);
  if (verdict !== undefined) return verdict;
  return loopbackRedirectBindAddress(new URL(text)) === undefined ? INVALID : undefined;
}

/** An http(s) URL usable as a base: no query, no fragment. */
export function checkBaseUrl(text: string): Verdict {
  const verdict = checkHttpUrl(text);
  if (verdict !== undefined) return verdict;
  const url = new URL(text);
  return url.search === '' && url.hash === '' ? undefined : INVALID;
}

/** The URL without a trailing slash, so paths can be appended with `/…`. */
export function normaliseBaseUrl(text: string): string {
  return new URL(text).href.replace(/\/+$/, '');
}

/** An `allowedOrigins` entry: an origin (RFC 6454), http(s) scheme, host and optional port, nothing else. */
export function checkOriginSetting(text: string): Verdict {
  const verdict = checkHttpUrl(text);
  if (verdict !== undefined) return verdict;
  const url = new URL(text);
  return url.pathname === '/' && url.search === '' && url.hash === '' && !text.endsWith('#') && !text.endsWith('?')
    ? undefined
    : INVALID;
}

/** `https://App.Example.com:443/` → `https://app.example.com`, the form browsers send in `Origin`. */
export function normaliseOrigin(text: string): string {
  return new URL(text).origin;
}

/** A scope-token of RFC 6749 section 3.3: visible ASCII except `"` and `\`. */
export function checkScope(text: string): Verdict {
  return /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(text) ? undefined : INVALID;
}

/** A non-empty identifier without whitespace or control characters (audience, client id). */
export function checkToken(text: string): Verdict {
  return /^[^\s\p{Cc}]+$/u.test(text) ? undefined : INVALID;
}
