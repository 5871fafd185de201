import { Agent, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAfterEarlyAnswer, createLimitedServer, DEFAULT_CONNECTION_LIMITS } from './limited-server.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A server that refuses every request before reading its body, as auth and the rate limiter do. */
async function refusingServer(): Promise<{ port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  server = createLimitedServer(DEFAULT_CONNECTION_LIMITS, (req, res) => {
    // Answered after a microtask (an awaited authenticator), before the body has been read.
    queueMicrotask(() => {
      closeAfterEarlyAnswer(req, res);
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":{"code":"AUTH_INVALID_KEY"}}');
    });
  });
  server.on('connection', (socket: Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, sockets };
}

function post(port: number, agent: Agent, body: string): Promise<{ status: number; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('early answers', () => {
  it('keep a connection alive for a small body, and leave no listener behind on it', async () => {
    const { port, sockets } = await refusingServer();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 200; i += 1) {
      const answer = await post(port, agent, '{"jsonrpc":"2.0","id":1,"method":"tools/list"}');
      expect(answer).toEqual({ status: 401, connection: 'keep-alive' });
    }
    agent.destroy();
    // One connection served all 200 refusals, and its listener lists did not grow with them.
    expect(sockets).toHaveLength(1);
    for (const event of ['close', 'end', 'data', 'error']) expect(sockets[0]!.listenerCount(event)).toBeLessThan(5);
  });

  it('close the connection when the body is large', async () => {
    const { port } = await refusingServer();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const answer = await post(port, agent, 'x'.repeat(200 * 1024));
    agent.destroy();
    expect(answer).toEqual({ status: 401, connection: 'close' });
  });
});
