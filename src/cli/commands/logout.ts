import { createKeychainStore, type SecretStore } from '../../core/keychain/index.js';
import { deleteSession } from '../../core/login/index.js';
import type { Command } from '../command.js';
import { reportLoginFailure } from './login.js';

/** `mcp-toolkit logout`: deletes the stored tokens of one issuer from the keychain. */
export function createLogoutCommand(openStore: () => SecretStore = () => createKeychainStore()): Command {
  return {
    name: 'logout',
    summary: 'Delete the stored OAuth tokens from the keychain',
    help: `Usage: mcp-toolkit logout [--issuer URL]

Deletes the access and refresh tokens stored by \`mcp-toolkit login\` from the
OS keychain. Without --issuer, signs out of the issuer of the last login.
Tokens already handed out stay valid at the issuer until they expire.

Options:
  --issuer URL   which sign-in to delete (default: the last one)`,
    options: { issuer: { type: 'string' } },
    async run({ values }, io) {
      try {
        const issuer = await deleteSession(openStore(), typeof values.issuer === 'string' ? values.issuer : undefined);
        io.stderr.write(
          issuer
            ? `mcp-toolkit logout: signed out of ${issuer}; its tokens were deleted from the OS keychain\n`
            : 'mcp-toolkit logout: not signed in; nothing to delete\n',
        );
        return 0;
      } catch (error) {
        return reportLoginFailure(error, io, 'logout');
      }
    },
  };
}

export const logoutCommand = createLogoutCommand();
