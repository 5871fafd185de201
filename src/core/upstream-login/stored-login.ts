import type { AuthorizationServerMetadata, OAuthDiscoveryState, OAuthProtectedResourceMetadata, StoredOAuthTokens } from '@modelcontextprotocol/client';
import type { SecretStore } from '../keychain/secret-store.js';
import { upstreamLoginAccount } from './accounts.js';
import { deleteSplitSecret, readSplitSecret, writeSplitSecret } from './split-secret.js';

/** How the client was identified at sign-in; refreshes and revocations use the same one. */
export type ClientKind = 'configured' | 'metadata-document' | 'registered';

/**
 * What the keychain holds for one remote server (account `server-login:<name>`):
 * the tokens, their absolute expiry, and the discovery state, so a refresh
 * needs no new discovery. Only ever read and written as a whole; as JSON it
 * is a few kilobytes, so it is kept in parts (see `split-secret.ts`).
 */
export interface StoredUpstreamLogin {
  readonly version: 1;
  /** The server URL signed in to; a sign-in made for another URL is not used. */
  readonly url: string;
  readonly issuer: string;
  readonly client: { readonly kind: ClientKind; readonly clientId: string };
  readonly tokens: StoredOAuthTokens;
  /** When the access token expires (ms since the epoch); absent when the server did not say. */
  readonly expiresAt?: number;
  /** How long the access token was issued for (ms); a short-lived token is refreshed with a smaller margin. */
  readonly lifetimeMs?: number;
  readonly subject?: string;
  readonly discovery: OAuthDiscoveryState;
}

/** The authorization server metadata fields the SDK and this folder use; the rest is not kept. */
const KEPT_SERVER_METADATA = [
  'issuer',
  'authorization_endpoint',
  'token_endpoint',
  'registration_endpoint',
  'revocation_endpoint',
  'scopes_supported',
  'response_types_supported',
  'grant_types_supported',
  'code_challenge_methods_supported',
  'token_endpoint_auth_methods_supported',
  'authorization_response_iss_parameter_supported',
  'client_id_metadata_document_supported',
] as const;

const KEPT_RESOURCE_METADATA = ['resource', 'authorization_servers', 'scopes_supported'] as const;

function pick<T extends object>(value: T, keys: readonly string[]): T {
  const record = value as Record<string, unknown>;
  return Object.fromEntries(keys.filter((key) => record[key] !== undefined).map((key) => [key, record[key]])) as T;
}

/** The discovery state without what refreshing and revoking never read: keeps the keychain entry small. */
export function compactDiscovery(state: OAuthDiscoveryState): OAuthDiscoveryState {
  return {
    authorizationServerUrl: state.authorizationServerUrl,
    ...(state.resourceMetadataUrl ? { resourceMetadataUrl: state.resourceMetadataUrl } : {}),
    ...(state.resourceMetadata ? { resourceMetadata: pick<OAuthProtectedResourceMetadata>(state.resourceMetadata, KEPT_RESOURCE_METADATA) } : {}),
    ...(state.authorizationServerMetadata
      ? { authorizationServerMetadata: pick<AuthorizationServerMetadata>(state.authorizationServerMetadata, KEPT_SERVER_METADATA) }
      : {}),
  };
}

/** The tokens as kept: no `id_token` (its claims are read once, for the subject) and no relative `expires_in`. */
export function compactTokens(tokens: StoredOAuthTokens): StoredOAuthTokens {
  const { access_token, token_type, refresh_token, scope, issuer } = tokens;
  return { access_token, token_type, ...(refresh_token ? { refresh_token } : {}), ...(scope ? { scope } : {}), ...(issuer ? { issuer } : {}) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a keychain entry; anything malformed reads as "no sign-in" (the user signs in again). */
export function parseStoredLogin(text: string | undefined): StoredUpstreamLogin | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.version !== 1 || typeof value.url !== 'string' || typeof value.issuer !== 'string') return undefined;
  const { client, tokens, discovery } = value;
  if (!isRecord(client) || typeof client.clientId !== 'string' || typeof client.kind !== 'string') return undefined;
  if (!isRecord(tokens) || typeof tokens.access_token !== 'string' || typeof tokens.token_type !== 'string') return undefined;
  if (!isRecord(discovery) || typeof discovery.authorizationServerUrl !== 'string') return undefined;
  if (value.expiresAt !== undefined && typeof value.expiresAt !== 'number') return undefined;
  return value as unknown as StoredUpstreamLogin;
}

export type StoredLoginRead =
  | { readonly kind: 'found'; readonly login: StoredUpstreamLogin }
  | { readonly kind: 'missing' }
  /** Parts missing or mismatched, or not a sign-in: the user signs in again; `problem` says why, in the user's words. */
  | { readonly kind: 'damaged'; readonly problem: string };

/** The sign-in kept for `server`; never throws for a damaged entry (only for a keychain failure). */
export async function readStoredLogin(secrets: SecretStore, server: string): Promise<StoredLoginRead> {
  const read = await readSplitSecret(secrets, upstreamLoginAccount(server));
  if (read.kind === 'missing') return read;
  if (read.kind === 'damaged') return { kind: 'damaged', problem: `the sign-in kept in the keychain ${read.problem}` };
  const login = parseStoredLogin(read.text);
  return login ? { kind: 'found', login } : { kind: 'damaged', problem: 'the sign-in kept in the keychain is not readable' };
}

/** Stores the sign-in in parts no larger than any OS keychain accepts (Windows' is the smallest). */
export async function writeStoredLogin(secrets: SecretStore, server: string, login: StoredUpstreamLogin): Promise<void> {
  await writeSplitSecret(secrets, upstreamLoginAccount(server), JSON.stringify(login));
}

/** Deletes every part of the sign-in kept for `server`; true if any was there. */
export async function deleteStoredLogin(secrets: SecretStore, server: string): Promise<boolean> {
  return deleteSplitSecret(secrets, upstreamLoginAccount(server));
}

/** The granted scopes as a list (RFC 6749 §3.3). */
export function scopesOf(scope: string | undefined): string[] {
  return scope?.split(' ').filter((item) => item !== '') ?? [];
}
