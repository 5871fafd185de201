/**
 * The rules for a remote server's OAuth sign-in settings (`auth` of an http
 * upstream), phrased for the forms and the CLI, so a value the sign-in would
 * refuse is refused at its field before anything is saved. Pure: the
 * renderer, the settings validation and the gateway all use it.
 */
import type { HttpUpstreamAuthSettings } from './gateway-types.js';
import { isHttpsOrLoopbackHttp } from './loopback.js';

const ON_THIS_COMPUTER = 'this computer (localhost, 127.x.x.x or [::1])';

/** Why `clientId` cannot be a client ID (RFC 6749 §2.2: visible characters), or undefined. */
export function clientIdProblem(clientId: string): string | undefined {
  return /^[\x21-\x7E]{1,1024}$/.test(clientId) ? undefined : 'a client ID is 1 to 1024 visible characters, without spaces';
}

/**
 * Why `url` cannot be a Client ID Metadata Document URL, or undefined: https
 * (plain http only on this computer), a path to the document, no query,
 * fragment or user name.
 */
export function clientMetadataUrlProblem(url: string): string | undefined {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed === undefined || !isHttpsOrLoopbackHttp(parsed)) return `Enter an https URL (plain http only on ${ON_THIS_COMPUTER}).`;
  if (parsed.username !== '' || parsed.password !== '') return 'A client metadata URL has no user name or password.';
  if (parsed.pathname === '/' || parsed.search !== '' || parsed.hash !== '') return 'Enter the URL of the document itself: a path, no query (?…) or fragment (#…).';
  return undefined;
}

/** Why `url` cannot be an authorization server's issuer (RFC 8414 §2: https, no query or fragment; plain http only on this computer), or undefined. */
export function issuerUrlProblem(url: string): string | undefined {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed === undefined || !isHttpsOrLoopbackHttp(parsed)) return `Enter the issuer's https URL (plain http only on ${ON_THIS_COMPUTER}).`;
  if (parsed.search !== '' || parsed.hash !== '' || parsed.username !== '' || parsed.password !== '') return 'An issuer URL has no query (?…), fragment (#…), user name or password.';
  return undefined;
}

/** Why `scope` is not a space-separated list of OAuth scopes (RFC 6749 §3.3), or undefined. */
export function scopeListProblem(scope: string): string | undefined {
  return /^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/.test(scope) ? undefined : 'scopes are separated by one space; each is visible characters without " or \\';
}

/** Why `url` is no place to send a sign-in's tokens to, or undefined: https, or plain http on this computer. */
export function signInServerUrlProblem(url: string): string | undefined {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed !== undefined && isHttpsOrLoopbackHttp(parsed)) return undefined;
  return `a server you sign in to is reached over https (plain http only on ${ON_THIS_COMPUTER}), so its tokens cannot be read on the way`;
}

/**
 * Why the toolkit will not sign in to the server at `url` nor send it a
 * token, or undefined: a plain-http URL on another computer (the rule of
 * {@link signInServerUrlProblem}). Worded to follow the server's name:
 * "github wants a sign-in, but its URL is plain http (…)…".
 */
export function plainHttpSignInProblem(url: string): string | undefined {
  if (signInServerUrlProblem(url) === undefined) return undefined;
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  const shown = parsed !== undefined ? `${parsed.origin}${parsed.pathname}` : url;
  return `wants a sign-in, but its URL is plain http (${shown}): a sign-in would send your tokens unencrypted; use its https URL`;
}

/** Every problem of `auth`, at the field paths `auth.clientId`, `auth.clientMetadataUrl`, `auth.scope`, `auth.issuer`. */
export function upstreamAuthProblems(auth: HttpUpstreamAuthSettings): Record<string, string> {
  const problems: Record<string, string> = {};
  const checks: [keyof HttpUpstreamAuthSettings, (value: string) => string | undefined][] = [
    ['clientId', clientIdProblem],
    ['clientMetadataUrl', clientMetadataUrlProblem],
    ['scope', scopeListProblem],
    ['issuer', issuerUrlProblem],
  ];
  for (const [field, problemOf] of checks) {
    const value = auth[field];
    if (value === undefined) continue;
    const problem = typeof value === 'string' ? problemOf(value) : 'expected text';
    if (problem !== undefined) problems[`auth.${field}`] = problem;
  }
  return problems;
}
