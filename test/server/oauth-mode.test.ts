import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/core/server/index.js';
import { startOidcProvider, type OidcProviderFixture } from '../support/oidc-provider.js';
import { startTestServer } from '../support/test-server.js';

const exec = promisify(execFile);

describe('oauth mode: the server as an OAuth 2.1 protected resource', () => {
  let idp: OidcProviderFixture;
  let server: RunningServer;

  beforeAll(async () => {
    idp = await startOidcProvider({ keys: 'both' });
    // No JWKS URI: the server discovers it from the issuer.
    server = await startTestServer({ auth: 'oauth', oauth: { issuer: idp.issuer, audience: idp.audience } });
  });
  afterAll(async () => {
    await server.close();
    await idp.stop();
  });

  it('challenges a request without a token with the resource metadata URL, which is open and names the issuer', async () => {
    const res = await fetch(`${server.url}/mcp`, { method: 'POST', body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' });
    expect(res.status).toBe(401);
    const challenge = res.headers.get('www-authenticate') ?? '';
    const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1];
    expect(metadataUrl).toBe(`${server.url}/.well-known/oauth-protected-resource/mcp`);
    expect(challenge).not.toContain('invalid_token');

    for (const url of [metadataUrl!, `${server.url}/.well-known/oauth-protected-resource`]) {
      const metadata = await fetch(url);
      expect(metadata.status).toBe(200);
      expect(await metadata.json()).toEqual({
        resource: `${server.url}/mcp`,
        authorization_servers: [idp.issuer],
        bearer_methods_supported: ['header'],
      });
    }
  });

  it('accepts a valid JWT in the README curl example verbatim', async () => {
    const accessToken = await idp.getClientCredentialsToken();
    const port = new URL(server.url).port;
    const command = `curl -s -H "Authorization: Bearer $TOKEN" http://localhost:${port}/mcp -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'`;
    const { stdout } = await exec('bash', ['-c', command], { env: { PATH: process.env.PATH ?? '', TOKEN: accessToken }, timeout: 10_000 });
    const body = JSON.parse(stdout) as { result: { tools: { name: string }[] } };
    expect(body.result.tools.map((t) => t.name)).toContain('get_current_time');
  });

  it('refuses an expired token with invalid_token and counts the reason', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await idp.signJwt({ payload: { iss: idp.issuer, aud: idp.audience, sub: 'alice', iat: now - 600, exp: now - 300 } });
    const res = await fetch(`${server.url}/tools`, { headers: { Authorization: `Bearer ${expired}` } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    const snapshot = server.metrics.snapshot();
    expect(snapshot.rejections.byStatus['401']?.byReason.AUTH_TOKEN_EXPIRED).toBeGreaterThanOrEqual(1);
  });

  it('refuses a token in the query string', async () => {
    const accessToken = await idp.getClientCredentialsToken();
    const res = await fetch(`${server.url}/tools?access_token=${accessToken}`);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain(accessToken);
  });
});
