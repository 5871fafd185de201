import type { FetchLike, StoredOAuthClientInformation } from '@modelcontextprotocol/client';
import type { HttpUpstream } from '../gateway/upstream-spec.js';
import { clientOfLogin } from './client-identity.js';
import type { LoginsContext } from './logins-context.js';
import { isSecureUrl } from './secure-urls.js';
import { deleteStoredLogin, type StoredUpstreamLogin } from './stored-login.js';
import type { UpstreamSignOutOutcome } from './types.js';

/** Longest a sign-out waits for the authorization server, per token. */
export const REVOCATION_TIMEOUT_MS = 5_000;

/**
 * Signs out of a remote server: revokes its tokens where the authorization
 * server offers RFC 7009 revocation (refresh token first, as it may carry the
 * whole grant, then the access token; best effort, bounded, reported in one
 * log line without the tokens), then deletes them from the keychain and the
 * index, whatever the revocation gave. The client registration stays: it
 * belongs to the authorization server. Idempotent: with nothing held it
 * still deletes leftovers (parts of a damaged entry, an index entry).
 */
export async function runSignOut(context: LoginsContext, spec: HttpUpstream): Promise<UpstreamSignOutOutcome> {
  const login = await context.book.read(spec.name);
  const entry = await context.book.entry(spec.name);
  const revocation = login ? await revokeTokens(context, spec, login) : undefined;
  const deleted = await deleteStoredLogin(context.secrets, spec.name);
  await context.book.forget(spec.name);
  return { found: login !== undefined || entry !== undefined || deleted, ...(revocation ? { revocation } : {}) };
}

/**
 * A sign-in kept for `spec.name` but made for another URL (the server's URL
 * was changed in settings.json: there is no other way to change it) is signed
 * out of (revoked, deleted) before a new sign-in: its tokens were issued for
 * the old server and are never sent to the new one. Revoking before the new
 * authorization, not after, so the new grant cannot be caught by it.
 */
export async function signOutOfOtherUrl(context: LoginsContext, spec: HttpUpstream): Promise<void> {
  const login = await context.book.read(spec.name);
  if (login === undefined || login.url === spec.url) return;
  context.log(`[upstream-login] ${spec.name} now points at ${spec.url}: signing out of its sign-in for ${login.url} first`);
  await runSignOut(context, { ...spec, url: login.url });
}

type Revocation = NonNullable<UpstreamSignOutOutcome['revocation']>;

async function revokeTokens(context: LoginsContext, spec: HttpUpstream, login: StoredUpstreamLogin): Promise<Revocation> {
  // RFC 8414 metadata (OpenID discovery metadata, as the SDK parses it, does not keep this field).
  const endpoint = (login.discovery.authorizationServerMetadata as { revocation_endpoint?: string } | undefined)?.revocation_endpoint;
  if (!endpoint) {
    context.log(`[upstream-login] signed out of ${spec.name}: ${login.issuer} offers no token revocation, the tokens were only deleted`);
    return 'not-offered';
  }
  if (!isSecureUrl(endpoint)) {
    // A sign-in stored before its endpoints were checked: the tokens must not travel in the clear to be revoked.
    context.log(`[upstream-login] signed out of ${spec.name}: ${login.issuer}'s revocation endpoint is not https, the tokens were only deleted`);
    return 'not-offered';
  }
  let client: StoredOAuthClientInformation | undefined;
  try {
    client = await clientOfLogin(context.secrets, spec, login);
  } catch (error) {
    context.log(`[upstream-login] signed out of ${spec.name}: the tokens were deleted without revoking them at ${login.issuer}: cannot read the client from the keychain (${(error as Error).message})`);
    return 'failed';
  }
  const outcomes: string[] = [];
  const tokens: [string, string | undefined][] = [
    ['refresh_token', login.tokens.refresh_token],
    ['access_token', login.tokens.access_token],
  ];
  let revokedAll = true;
  for (const [hint, token] of tokens) {
    if (!token) continue;
    const outcome = await revoke(context.fetchFn, endpoint, { token, hint, client });
    if (outcome !== 'revoked' && outcome !== UNSUPPORTED_TOKEN_TYPE) revokedAll = false;
    outcomes.push(`${hint.replace('_', ' ')} ${outcome}`);
  }
  context.log(`[upstream-login] signed out of ${spec.name} at ${login.issuer}: ${outcomes.join(', ')}`);
  return revokedAll ? 'revoked' : 'failed';
}

/**
 * RFC 7009 §2.2.1: the server does not revoke this kind of token, e.g. a
 * self-contained (JWT) access token, which expires by itself: not a failure.
 */
const UNSUPPORTED_TOKEN_TYPE = 'not revoked (unsupported_token_type)';

/** One RFC 7009 request; answers "revoked" or why not, never throws. */
async function revoke(
  fetchFn: FetchLike,
  endpoint: string,
  request: { token: string; hint: string; client: StoredOAuthClientInformation | undefined },
): Promise<string> {
  const body = new URLSearchParams({ token: request.token, token_type_hint: request.hint });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const { client } = request;
  if (client?.client_secret) {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`).toString('base64')}`;
  } else if (client) body.set('client_id', client.client_id);
  try {
    const response = await fetchFn(endpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(REVOCATION_TIMEOUT_MS) });
    if (response.ok) return 'revoked';
    const error = ((await response.json().catch(() => ({}))) as { error?: unknown }).error;
    return `not revoked (${typeof error === 'string' && /^[\x20-\x7e]{1,64}$/.test(error) ? error : `HTTP ${response.status}`})`;
  } catch (error) {
    return `not revoked (${(error as Error).name === 'TimeoutError' ? 'no answer in time' : (error as Error).message})`;
  }
}
