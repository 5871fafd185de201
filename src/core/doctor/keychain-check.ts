import type { ServerConfig } from '../config/types.js';
import { failed, passed, warned, type DoctorCheck } from './check-result.js';

/** Why this configuration needs the keychain to serve, or undefined when it does not. */
export function keychainNeed(config: ServerConfig): string | undefined {
  if (config.auth === 'api_key' && config.apiKey === undefined) return 'auth is api_key and the API keys live there';
  const withSecrets = config.servers.find((server) => server.enabled && server.secrets.length > 0);
  if (withSecrets !== undefined) return `the server "${withSecrets.name}" keeps its secrets there`;
  return undefined;
}

const FIX =
  'Unlock or start the keychain: on Linux a Secret Service (GNOME Keyring or KeePassXC) in your desktop session, on macOS and Windows your signed-in session.';

/**
 * Whether the OS keychain answers. An error only when the server needs it now
 * (API keys, upstream secrets); otherwise a warning, since `keys`, `login` and
 * upstream secrets will need it later.
 */
export async function checkKeychain(probe: () => Promise<void>, config: ServerConfig): Promise<DoctorCheck> {
  try {
    await probe();
    return passed('keychain', 'The OS keychain answers.');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const need = keychainNeed(config);
    if (need !== undefined) {
      const override = config.auth === 'api_key' ? ' Or set MCP_API_KEY for the server.' : '';
      return failed('keychain', `The OS keychain does not answer (${reason}), and ${need}.`, `${FIX}${override}`);
    }
    return warned('keychain', `The OS keychain does not answer (${reason}); not needed with these settings, but API keys, sign-in and server secrets are kept there.`, FIX);
  }
}
