import type { ServerConfig } from '../config/types.js';
import { isKeychainUnavailable, resolveApiKey, type SecretStore } from '../keychain/index.js';
import { ServerStartError } from '../server/start-error.js';
import { createApiKeyAuthenticator, createOpenAuthenticator } from './api-key.js';
import type { Authenticator } from './types.js';

export interface AuthenticatorDeps {
  /** Where the API key lives when `MCP_API_KEY` is not set. */
  readonly secrets: SecretStore;
  readonly log: (line: string) => void;
}

/** Builds the authenticator for the configured mode, or explains why it cannot. */
export async function createAuthenticator(config: ServerConfig, deps: AuthenticatorDeps): Promise<Authenticator> {
  switch (config.auth) {
    case 'none':
      return createOpenAuthenticator();
    case 'api_key':
      return createApiKeyAuthenticator({ apiKey: await apiKeyFor(config, deps) });
    case 'oauth':
      throw new ServerStartError('CONFIG_INVALID', 'oauth mode is not available yet');
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
