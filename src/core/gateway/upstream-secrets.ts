import type { SecretStore } from '../keychain/secret-store.js';
import type { UpstreamSettings } from '../../shared/gateway-types.js';

/**
 * Where an upstream's secret lives in the OS keychain (service `mcp-toolkit`):
 * account `server:<name>:<KEY>`. `settings.json` holds only the KEY, in the
 * server's `secrets` list.
 */
export function upstreamSecretAccount(server: string, key: string): string {
  return `server:${server}:${key}`;
}

/** A secret name: what a shell accepts as a variable name (the value reaches a stdio child under it). */
export const SECRET_KEY_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * The values of the secrets `server` names (`server.secrets`), read from the
 * keychain, by KEY: what the gateway passes to `createUpstreamConnection` at
 * spawn or connect. A name with no value in the keychain is left out (a stdio
 * child then lacks that variable; a header naming it reports the secret as not
 * set). Rejects with `KeychainUnavailableError` when the keychain cannot be read.
 */
export async function readUpstreamSecrets(store: SecretStore, server: Pick<UpstreamSettings, 'name' | 'secrets'>): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const key of server.secrets) {
    const value = await store.get(upstreamSecretAccount(server.name, key));
    if (value !== undefined) values[key] = value;
  }
  return values;
}

/** Deletes every secret `server` names from the keychain (when the server is removed). */
export async function deleteUpstreamSecrets(store: SecretStore, server: Pick<UpstreamSettings, 'name' | 'secrets'>): Promise<void> {
  for (const key of server.secrets) await store.delete(upstreamSecretAccount(server.name, key));
}
