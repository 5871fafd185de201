import type { ListenError } from './http/listen.js';

/** Why a server could not start; `code` is stable so hosts can show a specific hint. */
export type StartErrorCode = 'PORT_IN_USE' | 'ADDRESS_UNAVAILABLE' | 'CONFIG_INVALID' | 'KEYCHAIN_UNAVAILABLE' | 'LISTEN_FAILED';

export class ServerStartError extends Error {
  override readonly name = 'ServerStartError';

  constructor(
    readonly code: StartErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A bind failure of the MCP port, with the setting that changes it. */
export function listenError(error: ListenError): ServerStartError {
  switch (error.code) {
    case 'PORT_IN_USE':
      return new ServerStartError('PORT_IN_USE', `${error.message}: stop the other program or pick another port (--port, MCP_PORT)`, { cause: error });
    case 'ADDRESS_UNAVAILABLE':
      return new ServerStartError('ADDRESS_UNAVAILABLE', `${error.message} (--host, MCP_HOST)`, { cause: error });
    default:
      return new ServerStartError('LISTEN_FAILED', error.message, { cause: error });
  }
}
