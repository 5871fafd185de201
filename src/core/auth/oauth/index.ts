/**
 * oauth mode: this server as an OAuth 2.1 protected resource (MCP
 * authorization spec, RFC 9068 JWT access tokens, RFC 9728 metadata).
 */
export { createOAuthAuthenticator, type OAuthAuthenticator } from './authenticator.js';
export { OAuthConfigError, type OAuthAuthenticatorOptions } from './options.js';
export { OAUTH_REJECTION, OAUTH_CONFIG_INVALID, type OAuthRejectionCode } from './reasons.js';
export { OAUTH_EVENT_COUNTERS, type OAuthEvent } from './events.js';
export { ALLOWED_ALGORITHMS } from './verify-access-token.js';
export { bearerChallenge } from './challenge.js';
export {
  buildProtectedResourceMetadata,
  canonicalResourceUrl,
  resourceMetadataUrl,
  MCP_PATH,
  type ProtectedResourceMetadata,
} from './protected-resource-metadata.js';
