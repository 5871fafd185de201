import { upstreamSecretAccount } from '../gateway/upstream-secrets.js';

/**
 * Keychain accounts (service `mcp-toolkit`) of remote servers' sign-ins:
 * - `server-login:<name>`: the server's tokens and what refreshing them needs,
 *   in parts `server-login:<name>:a:0`, `…:a:1`… (or `:b:`) named by this
 *   entry, none over the Windows Credential Manager's size limit (`split-secret.ts`);
 * - `oauth-client:<issuer>`: a dynamic client registration, one per
 *   authorization server, shared by every server it protects;
 * - `server:<name>:OAUTH_CLIENT_SECRET`: the secret of a client ID the user
 *   configured, stored like any other secret of the server.
 */
export function upstreamLoginAccount(server: string): string {
  return `server-login:${server}`;
}

export function oauthClientAccount(issuer: string): string {
  return `oauth-client:${issuer}`;
}

/** The name of a configured client's secret among the server's secrets. */
export const OAUTH_CLIENT_SECRET_KEY = 'OAUTH_CLIENT_SECRET';

export function configuredClientSecretAccount(server: string): string {
  return upstreamSecretAccount(server, OAUTH_CLIENT_SECRET_KEY);
}
