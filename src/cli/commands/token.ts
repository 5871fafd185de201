import { createKeychainStore, type SecretStore } from '../../core/keychain/index.js';
import { getValidAccessToken } from '../../core/login/index.js';
import type { Command } from '../command.js';
import { reportLoginFailure } from './login.js';

export interface TokenCommandDeps {
  readonly openStore?: () => SecretStore;
  /** Clock, for tests. */
  readonly now?: () => number;
}

/** `mcp-toolkit token`: prints a currently valid access token, refreshing it first when it (almost) expired. */
export function createTokenCommand(deps: TokenCommandDeps = {}): Command {
  const openStore = deps.openStore ?? (() => createKeychainStore());
  return {
    name: 'token',
    summary: 'Print a valid access token from the keychain, refreshing it when needed',
    help: `Usage: mcp-toolkit token [--issuer URL]

Prints the stored access token, and only it, on stdout. When it has expired or
expires within 60 seconds, it is first renewed with the refresh token and the
new tokens are stored in the OS keychain. Without --issuer, uses the issuer of
the last \`mcp-toolkit login\`.

Options:
  --issuer URL   which sign-in to use (default: the last one)

Exit codes: 0 token printed, 1 not signed in or refresh failed (run login again).`,
    options: { issuer: { type: 'string' } },
    async run({ values }, io) {
      try {
        const { session, refreshed } = await getValidAccessToken({
          store: openStore(),
          issuer: typeof values.issuer === 'string' ? values.issuer : undefined,
          now: deps.now,
          signal: io.signal,
        });
        io.stdout.write(`${session.accessToken}\n`);
        if (refreshed) io.stderr.write(`mcp-toolkit token: refreshed the access token from ${session.issuer}\n`);
        return 0;
      } catch (error) {
        return reportLoginFailure(error, io, 'token');
      }
    },
  };
}

export const tokenCommand = createTokenCommand();
