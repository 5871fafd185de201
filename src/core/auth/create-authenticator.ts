import type { ServerConfig } from '../config/types.js';
import { isKeychainUnavailable, resolveApiKey, type SecretStore } from '../keychain/index.js';
import { ServerStartError } from '../start-error.js';
import { createApiKeyAuthenticator, createOpenAuthenticator } from './api-key.js';
import { OAUTH_EVENT_COUNTERS } from './oauth/events.js';
import { OAuthConfigError } from './oauth/options.js';
import { resourceMetadataUrl } from './oauth/protected-resource-metadata.js';
import type { Authenticator } from './types.js';

export interface AuthenticatorDeps {
  /** Where the API key lives when `MCP_API_KEY` is not set. */
  readonly secrets: SecretStore;
  readonly log: (line: string) => void;
  /** Counts upstream events (JWKS fetch errors…) for `/metrics`. */
  readonly count: (counter: string) => void;
  /** Canonical URL of `/mcp` (known once the server is bound), named in 401 challenges. */
  readonly resourceUrl: () => string;
}

/** Builds the authenticator for the configured mode, or explains why it cannot. */
export async function createAuthenticator(config: ServerConfig, deps: AuthenticatorDeps): Promise<Authenticator> {
  switch (config.auth) {
    case 'none':
      return createOpenAuthenticator();
    case 'api_key':
      return createApiKeyAuthenticator({ apiKey: await apiKeyFor(config, deps) });
    case 'oauth':
      return oauthAuthenticator(config, deps);
  }
}

async function oauthAuthenticator(config: ServerConfig, deps: AuthenticatorDeps): Promise<Authenticator> {
  const { issuer, audience, jwksUri, requiredScopes } = config.oauth;
  // Loaded only in oauth mode: the JWT verifier (jose) is not needed by the other modes.
  const { createOAuthAuthenticator } = await import('./oauth/authenticator.js');
  try {
    return createOAuthAuthenticator({
      issuer: issuer ?? '',
      audience: audience ?? '',
      ...(jwksUri !== undefined ? { jwksUri } : {}),
      requiredScopes,
      resourceMetadataUrl: () => resourceMetadataUrl(deps.resourceUrl()),
      onEvent: (event) => deps.count(OAUTH_EVENT_COUNTERS[event.type]),
      log: deps.log,
    });
  } catch (error) {
    if (error instanceof OAuthConfigError) throw new ServerStartError('CONFIG_INVALID', error.message, { cause: error });
    throw error;
  }
}

async function apiKeyFor(config: ServerConfig, deps: AuthenticatorDeps): Promise<string> {
  try {
    const { key, source } = await resolveApiKey({ envKey: config.apiKey, store: deps.secrets });
    deps.log(`[auth] api_key mode: key from ${source === 'env' ? 'MCP_API_KEY' : 'the OS keychain'}`);
    return key;
  } catch (error) {
    if (isKeychainUnavailable(error)) {
      throw new ServerStartError('KEYCHAIN_UNAVAILABLE', (error as Error).message, { cause: error });
    }
    throw new ServerStartError('CONFIG_INVALID', (error as Error).message, { cause: error });
  }
}
