import type { OAuthClientMetadata, OAuthClientProvider, OAuthDiscoveryState, OAuthTokens, StoredOAuthClientInformation } from '@modelcontextprotocol/client';
import type { SecretStore } from '../keychain/secret-store.js';
import { saveRegistration, toolkitClientMetadata } from './client-identity.js';
import { resourceIndicator } from './resource-indicator.js';
import type { ClientKind } from './stored-login.js';

export interface SignInProviderOptions {
  readonly secrets: SecretStore;
  readonly redirectUri: string;
  readonly state: string;
  readonly discovery: OAuthDiscoveryState;
  /** The configured client, or a registration kept for this issuer; undefined lets the SDK use the metadata document or register. */
  readonly client?: { readonly kind: ClientKind; readonly info: StoredOAuthClientInformation };
  /** A Client ID Metadata Document URL the SDK may use as the client ID. */
  readonly clientMetadataUrl?: string;
}

/** The SDK's provider during one interactive sign-in, plus what the SDK handed it. */
export interface SignInProvider extends OAuthClientProvider {
  /** Set by the SDK's `redirectToAuthorization`. */
  authorizationUrl(): URL | undefined;
  /** Set by the SDK's `saveTokens` after the code exchange. */
  receivedTokens(): OAuthTokens | undefined;
  /** The client the SDK ended up with. */
  client(): { readonly kind: ClientKind; readonly clientId: string } | undefined;
}

/**
 * Lets the SDK's `auth()` run one sign-in: it hands back the discovery state
 * found beforehand (so `auth()` does not discover again and the issuer is
 * bound between both legs), the loopback redirect URI and `state`, and keeps
 * the verifier and the resulting tokens in memory only. A dynamic
 * registration goes to the keychain at once (it is per authorization server,
 * reusable even if this sign-in fails). Never hands the SDK stored tokens,
 * so `auth()` never refreshes here: a sign-in always asks the user.
 */
export function createSignInProvider(options: SignInProviderOptions): SignInProvider {
  let discovery = options.discovery;
  let client = options.client;
  let verifier: string | undefined;
  let url: URL | undefined;
  let tokens: OAuthTokens | undefined;

  return {
    get redirectUrl() {
      return options.redirectUri;
    },
    get clientMetadata(): OAuthClientMetadata {
      return toolkitClientMetadata(options.redirectUri);
    },
    clientMetadataUrl: options.clientMetadataUrl,
    // The SDK sends `resource` only when the server published RFC 9728 metadata, unless the provider says which.
    validateResourceURL: async (serverUrl, resource) => resourceIndicator(serverUrl, resource),
    state: () => options.state,
    discoveryState: () => discovery,
    saveDiscoveryState(state) {
      discovery = state;
    },
    clientInformation: () => client?.info,
    async saveClientInformation(info, ctx) {
      const kind: ClientKind = client?.kind ?? (info.client_id === options.clientMetadataUrl ? 'metadata-document' : 'registered');
      client = { kind, info };
      if (kind === 'registered') await saveRegistration(options.secrets, ctx?.issuer ?? info.issuer ?? discovery.authorizationServerUrl, info);
    },
    tokens: () => undefined,
    saveTokens(received) {
      tokens = received;
    },
    redirectToAuthorization(authorizationUrl) {
      url = authorizationUrl;
    },
    saveCodeVerifier(codeVerifier) {
      verifier = codeVerifier;
    },
    codeVerifier() {
      if (verifier === undefined) throw new Error('no authorization request was made');
      return verifier;
    },
    authorizationUrl: () => url,
    receivedTokens: () => tokens,
    client: () => client && { kind: client.kind, clientId: client.info.client_id },
  };
}
