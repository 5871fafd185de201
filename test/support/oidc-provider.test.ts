import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { startOidcProvider, type OidcProviderFixture } from './oidc-provider.js';

describe('oidc-provider test fixture', () => {
  let idp: OidcProviderFixture;

  beforeAll(async () => {
    idp = await startOidcProvider({ resource: 'http://127.0.0.1:4321/mcp' });
  });
  afterAll(() => idp.stop());

  const verify = (token: string) =>
    jwtVerify(token, createRemoteJWKSet(new URL(idp.jwksUri)), { issuer: idp.issuer, audience: idp.audience });

  it('publishes discovery metadata with PKCE S256 under both well-known names', async () => {
    for (const name of ['openid-configuration', 'oauth-authorization-server']) {
      const metadata = (await (await fetch(`${idp.issuer}/.well-known/${name}`)).json()) as Record<string, unknown>;
      expect(metadata.issuer).toBe(idp.issuer);
      expect(metadata.jwks_uri).toBe(idp.jwksUri);
      expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    }
  });

  it('issues RFC 9068 JWT access tokens for the resource via client_credentials, RS256 and ES256', async () => {
    for (const alg of ['RS256', 'ES256'] as const) {
      const token = await idp.getClientCredentialsToken({ alg });
      expect(decodeProtectedHeader(token)).toMatchObject({ alg, typ: 'at+jwt', kid: idp.signingKid(alg) });
      const { payload } = await verify(token);
      expect(payload).toMatchObject({ aud: idp.audience, scope: 'mcp:tools mcp:admin' });
    }
  });

  it('runs the authorization code + PKCE flow through the login and consent forms', async () => {
    const tokens = await idp.loginWithPkce({ login: 'bob', nonce: 'nonce-123' });
    const { payload } = await verify(tokens.access_token);
    expect(payload).toMatchObject({ sub: 'bob', client_id: idp.clientId });
    expect(tokens.refresh_token).toBeTruthy();
    const idToken = decodeJwt(tokens.id_token!);
    expect(idToken).toMatchObject({ sub: 'bob', aud: idp.clientId, nonce: 'nonce-123' });
  });

  it('rotates keys: the new key signs, the old one stays published until removed', async () => {
    const before = idp.signingKid();
    await idp.rotateKeys();
    const after = idp.signingKid();
    expect(after).not.toBe(before);
    expect(decodeProtectedHeader(await idp.getClientCredentialsToken()).kid).toBe(after);
    expect(idp.publishedKids()).toContain(before);
    await idp.removeOldKeys();
    expect(idp.publishedKids()).not.toContain(before);
    const jwks = (await (await fetch(idp.jwksUri)).json()) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toEqual(idp.publishedKids());
    expect(jwks.keys.every((key) => key.d === undefined)).toBe(true);
  });

  it('signs arbitrary claims with the current key and counts requests', async () => {
    const token = await idp.signJwt({ payload: { iss: idp.issuer, aud: idp.audience, exp: 4_000_000_000 } });
    await verify(token);
    expect(idp.countRequests('/jwks')).toBeGreaterThan(0);
  });

  it('goes offline: connections are reset until it comes back', async () => {
    idp.setOffline(true);
    await expect(fetch(idp.jwksUri)).rejects.toThrow();
    idp.setOffline(false);
    expect((await fetch(idp.jwksUri)).status).toBe(200);
  });
});
