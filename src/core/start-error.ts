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

/** Turns a `listen()` failure into a message a user can act on. */
export function listenError(error: NodeJS.ErrnoException, host: string, port: number): ServerStartError {
  if (error.code === 'EADDRINUSE') {
    return new ServerStartError('PORT_IN_USE', `Port ${port} on ${host} is already in use: stop the other program or pick another port (--port, MCP_PORT)`, { cause: error });
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new ServerStartError('ADDRESS_UNAVAILABLE', `Cannot listen on ${host}: no such local address (--host, MCP_HOST)`, { cause: error });
  }
  if (error.code === 'EACCES') {
    return new ServerStartError('LISTEN_FAILED', `Not allowed to listen on ${host}:${port}: ports below 1024 need privileges`, { cause: error });
  }
  return new ServerStartError('LISTEN_FAILED', `Cannot listen on ${host}:${port}: ${error.message}`, { cause: error });
}
