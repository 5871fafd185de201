import type { FetchLike, StoredOAuthClientInformation } from '@modelcontextprotocol/client';
import type { HttpUpstream } from '../gateway/upstream-spec.js';
import { clientOfLogin } from './client-identity.js';
import type { LoginsContext } from './logins-context.js';
import { isSecureUrl } from './secure-urls.js';
import type { StoredUpstreamLogin } from './stored-login.js';

/** Longest a sign-out waits for the authorization server, per token. */
export const REVOCATION_TIMEOUT_MS = 5_000;

/**
 * Signs out of a remote server: revokes its tokens where the authorization
 * server offers RFC 7009 revocation (refresh token first, as it may carry the
 * whole grant, then the access token; best effort, bounded, reported in one
 * log line without the tokens), then deletes them from the keychain and the
 * index. The client registration stays: it belongs to the authorization server.
 */
export async function runSignOut(context: LoginsContext, spec: HttpUpstream): Promise<void> {
  const login = await context.book.read(spec.name);
  if (login) await revokeTokens(context, spec, login);
  await context.book.forget(spec.name);
}

async function revokeTokens(context: LoginsContext, spec: HttpUpstream, login: StoredUpstreamLogin): Promise<void> {
  // RFC 8414 metadata (OpenID discovery metadata, as the SDK parses it, does not keep this field).
  const endpoint = (login.discovery.authorizationServerMetadata as { revocation_endpoint?: string } | undefined)?.revocation_endpoint;
  if (!endpoint) {
    context.log(`[upstream-login] signed out of ${spec.name}: ${login.issuer} offers no token revocation, the tokens were only deleted`);
    return;
  }
  if (!isSecureUrl(endpoint)) {
    // A sign-in stored before its endpoints were checked: the tokens must not travel in the clear to be revoked.
    context.log(`[upstream-login] signed out of ${spec.name}: ${login.issuer}'s revocation endpoint is not https, the tokens were only deleted`);
    return;
  }
  const client = await clientOfLogin(context.secrets, spec, login);
  const outcomes: string[] = [];
  const tokens: [string, string | undefined][] = [
    ['refresh_token', login.tokens.refresh_token],
    ['access_token', login.tokens.access_token],
  ];
  for (const [hint, token] of tokens) {
    if (!token) continue;
    outcomes.push(`${hint.replace('_', ' ')} ${await revoke(context.fetchFn, endpoint, { token, hint, client })}`);
  }
  context.log(`[upstream-login] signed out of ${spec.name} at ${login.issuer}: ${outcomes.join(', ')}`);
}

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
    // RFC 7009 §2.2.1: e.g. `unsupported_token_type` for a self-contained (JWT) access token, which expires by itself.
    const error = ((await response.json().catch(() => ({}))) as { error?: unknown }).error;
    return `not revoked (${typeof error === 'string' && /^[\x20-\x7e]{1,64}$/.test(error) ? error : `HTTP ${response.status}`})`;
  } catch (error) {
    return `not revoked (${(error as Error).name === 'TimeoutError' ? 'no answer in time' : (error as Error).message})`;
  }
}
