import { upstreamLoginsIndexFile, type PathContext } from '../config/paths.js';
import type { SecretStore } from '../keychain/secret-store.js';
import { createUpstreamLogins, type UpstreamLoginsService } from './create-upstream-logins.js';

export interface HostUpstreamLoginsOptions {
  /** The OS keychain, where the tokens live. */
  readonly secrets: SecretStore;
  /** Where the index of sign-ins is (the file other processes watch). */
  readonly paths: PathContext;
}

/**
 * The one {@link UpstreamLoginsService} of a host process (`serve`, `stdio`,
 * the `servers` CLI, the desktop app): every host builds it here, so the
 * sign-in machinery and where its index lives are chosen in one place.
 */
export function createHostUpstreamLogins(options: HostUpstreamLoginsOptions): UpstreamLoginsService {
  return createUpstreamLogins({ secrets: options.secrets, indexFile: upstreamLoginsIndexFile(options.paths) });
}
