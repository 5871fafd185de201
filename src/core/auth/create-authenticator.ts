import type { ServerConfig } from '../config/types.js';
import { KEYCHAIN_HINT } from '../keychain/api-key.js';
import { isKeychainUnavailable, resolveApiKey, type SecretStore } from '../keychain/index.js';
import { ServerStartError } from '../start-error.js';
import { createApiKeyAuthenticator, createOpenAuthenticator } from './api-key.js';
import { DEFAULT_KEY_NAME, ENV_KEY_NAME } from '../keys/key-names.js';
import { createNamedKeys } from '../keys/named-keys.js';
import { createKeyTable } from './key-table.js';
import { createNamedKeyAuthenticator } from './named-key-authenticator.js';
import { OAUTH_EVENT_COUNTERS } from './oauth/events.js';
import { OAuthConfigError } from './oauth/options.js';
import { resourceMetadataUrl } from './oauth/protected-resource-metadata.js';
import type { Authenticator } from './types.js';

/** How often a server that never got the issuer's keys tries again in the background. */
export const ISSUER_KEY_RETRY_MS = 30_000;

export interface AuthenticatorDeps {
  /** Where the API keys live. */
  readonly secrets: SecretStore;
  /**
   * The named keys' index (`namedKeysIndexFile`): every named key is accepted
   * and the table follows the file. When absent, only the single key (`MCP_API_KEY`,
   * else the keychain's `api-key`, named `default`) is accepted.
   */
  readonly keysIndexFile?: string | undefined;
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
      if (deps.keysIndexFile !== undefined) return namedKeyAuthenticator(config, deps.keysIndexFile, deps);
      return singleKeyAuthenticator(config, deps);
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
      // Learn at start whether the issuer answers (the server card shows it), and keep trying while it does not.
      keyRetryMs: ISSUER_KEY_RETRY_MS,
      log: deps.log,
    });
  } catch (error) {
    if (error instanceof OAuthConfigError) throw new ServerStartError('CONFIG_INVALID', error.message, { cause: error });
    throw error;
  }
}

async function namedKeyAuthenticator(config: ServerConfig, indexFile: string, deps: AuthenticatorDeps): Promise<Authenticator> {
  const keys = createNamedKeys({ secrets: deps.secrets, indexFile, envKey: config.apiKey });
  return asStartError(() =>
    createNamedKeyAuthenticator({ keys, log: deps.log }).catch((error: unknown) => {
      throw isKeychainUnavailable(error) ? error.withHint(KEYCHAIN_HINT) : error;
    }),
  );
}

async function singleKeyAuthenticator(config: ServerConfig, deps: AuthenticatorDeps): Promise<Authenticator> {
  const { key, source } = await asStartError(() => resolveApiKey({ envKey: config.apiKey, store: deps.secrets }));
  deps.log(`[auth] api_key mode: key from ${source === 'env' ? 'MCP_API_KEY' : 'the OS keychain'}`);
  const table = createKeyTable([{ name: source === 'env' ? ENV_KEY_NAME : DEFAULT_KEY_NAME, value: key }]);
  return createApiKeyAuthenticator({ keys: () => table });
}

/** A keychain failure is `KEYCHAIN_UNAVAILABLE`; an invalid `MCP_API_KEY` or key index is `CONFIG_INVALID`. */
async function asStartError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isKeychainUnavailable(error)) {
      throw new ServerStartError('KEYCHAIN_UNAVAILABLE', (error as Error).message, { cause: error });
    }
    throw new ServerStartError('CONFIG_INVALID', (error as Error).message, { cause: error });
  }
}
