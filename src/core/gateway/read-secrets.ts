import type { UpstreamSettings } from '../../shared/gateway-types.js';
import type { SecretStore } from '../keychain/index.js';

/** The keychain account of one upstream's secret. */
export function upstreamSecretAccount(server: string, key: string): string {
  return `server:${server}:${key}`;
}

/** The values of an upstream's secrets, by name; a secret missing from the keychain is left out. */
export async function readUpstreamSecrets(store: SecretStore, server: UpstreamSettings): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const key of server.secrets) {
    const value = await store.get(upstreamSecretAccount(server.name, key));
    if (value !== undefined) values[key] = value;
  }
  return values;
}
