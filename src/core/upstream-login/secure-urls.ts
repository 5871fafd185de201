/**
 * Where a sign-in may send the user, a code or a token: https, or plain http
 * on this computer only (the rule of `isHttpsOrLoopbackHttp`). Checked for
 * the server itself before anything starts, and for every URL discovery
 * takes from a server's answers before it is fetched or used.
 */
import { isHttpsOrLoopbackHttp } from '../../shared/loopback.js';
import { plainHttpSignInRefusal, type HttpUpstream } from '../gateway/upstream-spec.js';
import { UpstreamLoginError } from './upstream-login-error.js';

/** The authorization server's endpoints a sign-in (or its sign-out) sends requests or the browser to (RFC 8414 §2, RFC 7009). */
export const SIGN_IN_ENDPOINT_FIELDS = ['authorization_endpoint', 'token_endpoint', 'registration_endpoint', 'revocation_endpoint'] as const;

const ON_THIS_COMPUTER = 'plain http only on this computer';

/** Throws when the toolkit must not sign in to `spec` (plain http to another computer), with the reason in the user's words. */
export function refusePlainHttpServer(spec: HttpUpstream): void {
  const refusal = plainHttpSignInRefusal(spec);
  if (refusal !== undefined) throw new UpstreamLoginError('UPSTREAM_LOGIN_INSECURE_URL', `${refusal}.`);
}

/** Whether `value` is an https URL, or a plain http one on this computer. */
export function isSecureUrl(value: string): boolean {
  return URL.canParse(value) && isHttpsOrLoopbackHttp(new URL(value));
}

/** `value` without its query or fragment, short: it came from a server and is shown to the user. */
function shown(value: string): string {
  const text = URL.canParse(value) ? `${new URL(value).origin}${new URL(value).pathname}` : value;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * Throws unless `value`, which discovery took from `where` (its `field`), is
 * https (or plain http on this computer). The error names the server, the
 * field and the URL.
 */
export function requireSecureUrl(spec: HttpUpstream, where: string, field: string, value: string | undefined): void {
  if (value === undefined || isSecureUrl(value)) return;
  throw new UpstreamLoginError(
    'UPSTREAM_LOGIN_INSECURE_URL',
    `Could not find how to sign in to \`${spec.name}\` (${spec.url}): ${field} in ${where} is not https (${shown(value)}); the toolkit signs in over https only (${ON_THIS_COMPUTER}).`,
  );
}

/** Checks every endpoint of `metadata` a sign-in uses (see {@link SIGN_IN_ENDPOINT_FIELDS}); absent ones are not judged. */
export function requireSecureEndpoints(spec: HttpUpstream, metadata: object): void {
  for (const field of SIGN_IN_ENDPOINT_FIELDS) {
    const value = (metadata as Partial<Record<string, unknown>>)[field];
    if (value === undefined) continue;
    requireSecureUrl(spec, "its authorization server's metadata", field, typeof value === 'string' ? value : String(value));
  }
}
