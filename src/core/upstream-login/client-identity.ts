import type { OAuthClientMetadata, StoredOAuthClientInformation } from '@modelcontextprotocol/client';
import type { HttpUpstream } from '../gateway/upstream-spec.js';
import type { SecretStore } from '../keychain/secret-store.js';
import { configuredClientSecretAccount, oauthClientAccount } from './accounts.js';
import type { ClientKind } from './stored-login.js';

/** The client name shown on consent pages and kept in registrations. */
export const CLIENT_NAME = 'MCP Toolkit';

/**
 * What the toolkit registers (RFC 7591) or would publish as a Client ID
 * Metadata Document: a native public client (RFC 8252) on a loopback redirect,
 * authenticated by PKCE alone.
 */
export function toolkitClientMetadata(redirectUri: string): OAuthClientMetadata {
  return {
    client_name: CLIENT_NAME,
    application_type: 'native',
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  };
}

/** Fields of a registration response worth keeping: the identity and its credentials, not the echoed metadata. */
function compactRegistration(info: StoredOAuthClientInformation): StoredOAuthClientInformation {
  const { client_id, client_secret, client_id_issued_at, client_secret_expires_at, issuer } = info;
  const auth = (info as { token_endpoint_auth_method?: string }).token_endpoint_auth_method;
  return {
    client_id,
    ...(client_secret ? { client_secret } : {}),
    ...(client_id_issued_at !== undefined ? { client_id_issued_at } : {}),
    ...(client_secret_expires_at !== undefined ? { client_secret_expires_at } : {}),
    ...(auth ? { token_endpoint_auth_method: auth } : {}),
    ...(issuer ? { issuer } : {}),
  } as StoredOAuthClientInformation;
}

/** The dynamic registration kept for `issuer`, if any (keychain account `oauth-client:<issuer>`). */
export async function readRegistration(secrets: SecretStore, issuer: string): Promise<StoredOAuthClientInformation | undefined> {
  const text = await secrets.get(oauthClientAccount(issuer));
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as StoredOAuthClientInformation;
    return typeof value.client_id === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

export async function saveRegistration(secrets: SecretStore, issuer: string, info: StoredOAuthClientInformation): Promise<void> {
  await secrets.set(oauthClientAccount(issuer), JSON.stringify(compactRegistration({ ...info, issuer })));
}

export async function deleteRegistration(secrets: SecretStore, issuer: string): Promise<void> {
  await secrets.delete(oauthClientAccount(issuer));
}

/** The client ID the user configured for `spec`, with its secret from the keychain when one is stored. */
export async function configuredClient(secrets: SecretStore, spec: HttpUpstream, issuer: string): Promise<StoredOAuthClientInformation | undefined> {
  const clientId = spec.auth?.clientId;
  if (!clientId) return undefined;
  const secret = await secrets.get(configuredClientSecretAccount(spec.name));
  return { client_id: clientId, ...(secret ? { client_secret: secret } : {}), issuer };
}

/**
 * The client a stored sign-in was made with, for refreshing and revoking:
 * the configured ID (and secret), the metadata document URL, or the
 * registration kept for the issuer. Undefined when it is gone (a registration
 * deleted meanwhile).
 */
export async function clientOfLogin(
  secrets: SecretStore,
  spec: HttpUpstream,
  login: { readonly issuer: string; readonly client: { readonly kind: ClientKind; readonly clientId: string } },
): Promise<StoredOAuthClientInformation | undefined> {
  const { kind, clientId } = login.client;
  if (kind === 'metadata-document') return { client_id: clientId, issuer: login.issuer };
  if (kind === 'configured') {
    const secret = await secrets.get(configuredClientSecretAccount(spec.name));
    return { client_id: clientId, ...(secret ? { client_secret: secret } : {}), issuer: login.issuer };
  }
  const registration = await readRegistration(secrets, login.issuer);
  return registration?.client_id === clientId ? registration : undefined;
}
