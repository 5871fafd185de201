import { createServer } from 'node:net';
import { listen, ListenError } from './listen.js';

/**
 * Whether `host:port` can be bound now: binds it exclusively and lets it go at
 * once. Resolves with the `ListenError` a server would meet there
 * (`PORT_IN_USE`, `ADDRESS_UNAVAILABLE`, `NOT_PERMITTED`…), or undefined when
 * the address is free. Port 0 (any free port) is always free. A probe is a
 * snapshot: another program may take the port before the server binds it.
 */
export async function probeListen(host: string, port: number): Promise<ListenError | undefined> {
  if (port === 0) return undefined;
  const server = createServer();
  try {
    await listen(server, host, port);
    return undefined;
  } catch (error) {
    if (error instanceof ListenError) return error;
    throw error;
  } finally {
    await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  }
}
