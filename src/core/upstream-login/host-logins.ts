import type { PathContext } from '../config/paths.js';
import type { SecretStore } from '../keychain/secret-store.js';
import type { UpstreamLogins } from './types.js';

export interface HostUpstreamLoginsOptions {
  /** The OS keychain, where the tokens live. */
  readonly secrets: SecretStore;
  /** Where the index of sign-ins is (the file other processes watch). */
  readonly paths: PathContext;
}

/**
 * The one {@link UpstreamLogins} of a host process (`serve`, `stdio`, the
 * `servers` CLI, the desktop app): every host builds it here, so the sign-in
 * machinery is chosen in one place. Undefined while there is none: remote
 * upstreams then use their static headers only, and `servers login` says
 * sign-in is not available.
 */
export function createHostUpstreamLogins(options: HostUpstreamLoginsOptions): UpstreamLogins | undefined {
  // TODO(merge of the sign-in machinery, H1): replace with
  //   return createUpstreamLogins({ secrets: options.secrets, indexFile: upstreamLoginsIndexFile(options.paths) });
  // (`createUpstreamLogins` from './index.js' or its file, `upstreamLoginsIndexFile` from '../config/paths.js').
  void options;
  return undefined;
}
