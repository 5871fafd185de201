import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startHostileHttpServer,
  streamHugeBody,
  type HostileHttpServer,
  type StreamOutcome,
} from '../http/testing/hostile-http-server.js';
import { refreshSession } from './access-token.js';
import { discoverAuthorizationServer } from './authorization-server.js';

const MIB = 1024 * 1024;

/** Sign-in and refresh talk to the issuer through openid-client; its answers are capped at 1 MiB too. */
describe('login against an issuer that sends huge answers', () => {
  let server: HostileHttpServer;
  let streamed: Promise<StreamOutcome> | undefined;
  afterEach(async () => {
    await server.stop();
    streamed = undefined;
  });

  const metadata = () => ({
    issuer: server.origin,
    authorization_endpoint: `${server.origin}/auth`,
    token_endpoint: `${server.origin}/token`,
    code_challenge_methods_supported: ['S256'],
  });

  async function issuer(routes: Record<string, (res: ServerResponse) => void>): Promise<void> {
    server = await startHostileHttpServer((req: IncomingMessage, res) => {
      const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
      if (route) route(res);
      else res.writeHead(404).end();
    });
  }

  it('refuses authorization server metadata over 1 MiB with DISCOVERY_FAILED naming the limit', async () => {
    await issuer({
      '/.well-known/openid-configuration': (res) => {
        streamed = streamHugeBody(res, { prefix: '{"pad":"', limitBytes: 50 * MIB });
      },
    });
    await expect(discoverAuthorizationServer({ issuer: server.origin, clientId: 'cli' })).rejects.toMatchObject({
      code: 'DISCOVERY_FAILED',
      message: expect.stringContaining(
        `(response from ${server.origin}/.well-known/openid-configuration is larger than the 1 MiB limit)`,
      ),
    });
    const outcome = await streamed!;
    expect(outcome.clientDisconnected).toBe(true);
    expect(outcome.bytesSent).toBeLessThan(8 * MIB);
  });

  it('refuses a token response over 1 MiB with REFRESH_FAILED naming the limit', async () => {
    await issuer({
      '/.well-known/openid-configuration': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metadata())),
      '/token': (res) => {
        streamed = streamHugeBody(res, { prefix: '{"access_token":"', limitBytes: 50 * MIB });
      },
    });
    const session = { issuer: server.origin, clientId: 'cli', accessToken: 'old', tokenType: 'Bearer', refreshToken: 'r', obtainedAt: 0 };
    await expect(refreshSession(session)).rejects.toMatchObject({
      code: 'REFRESH_FAILED',
      message: expect.stringContaining(`response from ${server.origin}/token is larger than the 1 MiB limit`),
    });
    const outcome = await streamed!;
    expect(outcome.clientDisconnected).toBe(true);
    expect(outcome.bytesSent).toBeLessThan(8 * MIB);
  });
});
