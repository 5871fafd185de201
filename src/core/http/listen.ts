import type { AddressInfo, Server } from 'node:net';

/** Why a server could not bind; `code` is stable, the message names the address, and hosts add their own hint. */
export class ListenError extends Error {
  override readonly name = 'ListenError';

  constructor(
    readonly code: 'PORT_IN_USE' | 'ADDRESS_UNAVAILABLE' | 'NOT_PERMITTED' | 'LISTEN_FAILED',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Binds `host:port` exclusively and resolves with the bound port (the real one for port 0). */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException): void => reject(listenError(error, host, port));
    server.once('error', fail);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', fail);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): ListenError {
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new ListenError('PORT_IN_USE', `Port ${port} on ${host} is already in use`, { cause: error });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new ListenError('ADDRESS_UNAVAILABLE', `Cannot listen on ${host}: no such local address`, { cause: error });
    case 'EACCES':
      return new ListenError('NOT_PERMITTED', `Not allowed to listen on ${where}: ports below 1024 need privileges`, { cause: error });
    default:
      return new ListenError('LISTEN_FAILED', `Cannot listen on ${where}: ${error.message}`, { cause: error });
  }
}
