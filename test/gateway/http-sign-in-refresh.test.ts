/**
 * The SDK's refresh after a 401 (inside the Streamable HTTP transport) goes
 * through the sign-in's bounded fetch (1 MiB, 15 s), not the transport's:
 * an authorization server answering the refresh with more than 1 MiB cannot
 * hold the gateway's memory, and the server's static headers (which may hold
 * a secret) stay with the MCP server. Real SDK transport, real HTTP on
 * 127.0.0.1; the provider stands in for the keychain.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OAuthClientProvider, OAuthDiscoveryState, OAuthTokens } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUpstreamConnection } from '../../src/core/gateway/upstream-connection.js';
import { UpstreamNeedsSignInError } from '../../src/core/upstream-login/types.js';
import { waitForState } from './support.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  vi.restoreAllMocks();
});

interface Seen {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

/** An MCP server that refuses every token (401), and its authorization server, whose refresh answer is 2 MiB. */
async function startRefusingServer(): Promise<{ origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server: Server = createServer((request, response) => {
    seen.push({ path: request.url ?? '', headers: request.headers });
    request.resume();
    if (request.url === '/token') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ access_token: 'new-token', token_type: 'Bearer', refresh_token: 'r2', padding: 'x'.repeat(2 * 1024 * 1024) }));
      return;
    }
    response.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' });
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** A signed-in provider holding an access token the server no longer takes and a refresh token. */
function heldSignIn(origin: string): OAuthClientProvider & { saved: OAuthTokens[] } {
  const saved: OAuthTokens[] = [];
  const discovery: OAuthDiscoveryState = {
    authorizationServerUrl: origin,
    resourceMetadata: { resource: `${origin}/mcp` },
    authorizationServerMetadata: {
      issuer: origin,
      authorization_endpoint: `${origin}/authorize`,
      token_endpoint: `${origin}/token`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
    },
  };
  return {
    saved,
    redirectUrl: 'http://127.0.0.1/callback',
    clientMetadata: { redirect_uris: ['http://127.0.0.1/callback'], grant_types: ['authorization_code', 'refresh_token'], token_endpoint_auth_method: 'none' },
    clientInformation: () => ({ client_id: 'toolkit', issuer: origin }),
    tokens: () => ({ access_token: 'old-token', token_type: 'Bearer', refresh_token: 'r1', issuer: origin }),
    saveTokens: (tokens) => void saved.push(tokens),
    discoveryState: () => discovery,
    saveDiscoveryState: () => undefined,
    saveCodeVerifier: () => undefined,
    codeVerifier: () => 'unused',
    redirectToAuthorization: () => {
      throw new UpstreamNeedsSignInError('remote', 'the sign-in expired and could not be refreshed');
    },
  };
}

describe('refresh after a 401', () => {
  it('is bounded to 1 MiB and carries none of the server’s static headers; the MCP requests keep them', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { origin, seen } = await startRefusingServer();
    const provider = heldSignIn(origin);
    const connection = createUpstreamConnection({
      spec: { kind: 'http', name: 'remote', url: `${origin}/mcp`, headers: { 'X-Team': '${secret:TEAM}' } },
      secrets: { TEAM: 'blue-secret' },
      authProvider: provider,
      report: () => undefined,
    });
    closers.push(() => connection.stop());
    connection.start();
    await waitForState(connection, 'needs-sign-in');

    // The 2 MiB answer was refused: no token saved, so the SDK fell back to a browser sign-in, which the provider turns into needs-sign-in.
    expect(provider.saved).toEqual([]);
    expect(connection.status().signIn?.reason).toBe('the sign-in expired and could not be refreshed');
    const refreshes = seen.filter((request) => request.path === '/token');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.headers['x-team']).toBeUndefined();
    const mcp = seen.filter((request) => request.path === '/mcp');
    expect(mcp.length).toBeGreaterThan(0);
    for (const request of mcp) expect(request.headers).toMatchObject({ authorization: 'Bearer old-token', 'x-team': 'blue-secret' });
  });
});
