import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Counts the requests a server is answering, so shutdown can let them finish.
 * Standalone SSE streams (`GET /mcp`) never finish on their own and are not
 * counted: shutdown ends them by closing the sessions.
 */
export function trackInFlight(server: Server): { drained(timeoutMs: number): Promise<void> } {
  let active = 0;
  const waiters: (() => void)[] = [];
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url?.startsWith('/mcp')) return;
    active += 1;
    res.once('close', () => {
      active -= 1;
      if (active === 0) for (const wake of waiters.splice(0)) wake();
    });
  });
  return {
    drained(timeoutMs) {
      if (active === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
