import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64url, decodeJwt, generateKeyPair, SignJWT, UnsecuredJWT, type JWK } from 'jose';
import { startOidcProvider, type OidcProviderFixture } from '../support/oidc-provider.js';
import { createOAuthAuthenticator, type OAuthAuthenticator } from '../../src/core/auth/oauth/authenticator.js';
import { OAUTH_REJECTION } from '../../src/core/auth/oauth/reasons.js';
import { mcpRequest, nowSec, rejectionOf, RESOURCE, RESOURCE_METADATA_URL } from '../../src/core/auth/oauth/testing/oauth-requests.js';

/**
 * The oauth authenticator against a real oidc-provider on 127.0.0.1: real
 * tokens from its token endpoint, and tokens a misbehaving issuer could sign
 * with its own keys.
 */
describe('oauth authenticator with a real issuer', () => {
  let idp: OidcProviderFixture;
  let auth: OAuthAuthenticator;
  const logLines: string[] = [];

  const authenticatorFor = (overrides: Partial<Parameters<typeof createOAuthAuthenticator>[0]> = {}) =>
    createOAuthAuthenticator({
      issuer: idp.issuer,
      audience: RESOURCE,
      jwksUri: idp.jwksUri,
      resourceMetadataUrl: RESOURCE_METADATA_URL,
      log: (line) => logLines.push(line),
      ...overrides,
    });

  /** Claims of a well-formed access token for this server, to be spoiled one at a time. */
  const goodClaims = () => ({
    iss: idp.issuer,
    aud: RESOURCE,
    sub: 'svc',
    client_id: 'svc',
    scope: 'mcp:tools',
    iat: nowSec(),
    exp: nowSec() + 300,
  });

  const rejectionCodeOf = async (token: string, authenticator = auth) =>
    (await rejectionOf(authenticator.authenticate(mcpRequest(token)))).code;

  beforeAll(async () => {
    idp = await startOidcProvider({ resource: RESOURCE });
    auth = authenticatorFor();
  });
  afterAll(async () => {
    auth.close();
    await idp.stop();
  });

  describe('accepts', () => {
    it.each(['RS256', 'ES256'] as const)('a %s access token from the token endpoint', async (alg) => {
      const token = await idp.getClientCredentialsToken({ alg });
      const principal = await auth.authenticate(mcpRequest(token));
      expect(principal).toMatchObject({
        subject: `mcp-toolkit-service-${alg.toLowerCase()}`,
        clientId: `mcp-toolkit-service-${alg.toLowerCase()}`,
        scopes: ['mcp:tools', 'mcp:admin'],
        token,
        expiresAt: decodeJwt(token).exp,
      });
      expect(principal.clientKey).toMatch(/^oauth:[0-9a-f]{64}$/);
      expect(principal.label).toBe('oauth:mcp-…');
    });

    it('a user access token from the authorization code + PKCE flow, known by sub and client id', async () => {
      const first = await idp.loginWithPkce({ login: 'alice' });
      const second = await idp.loginWithPkce({ login: 'alice' });
      const a = await auth.authenticate(mcpRequest(first.access_token));
      const b = await auth.authenticate(mcpRequest(second.access_token));
      expect(a).toMatchObject({ subject: 'alice', clientId: idp.clientId, label: 'oauth:ali…' });
      // Same caller with a new token keeps its rate-limit key.
      expect(b.clientKey).toBe(a.clientKey);
      expect(a.clientKey).not.toContain(first.access_token);
    });

    it('a repeated token from the verified-token cache', async () => {
      const token = await idp.getClientCredentialsToken();
      const first = await auth.authenticate(mcpRequest(token));
      expect(await auth.authenticate(mcpRequest(token))).toBe(first);
    });

    it('exp, nbf and iat within the 30 s clock tolerance', async () => {
      const token = await idp.signJwt({
        payload: { ...goodClaims(), exp: nowSec() - 10, nbf: nowSec() + 10, iat: nowSec() + 10 },
      });
      await expect(auth.authenticate(mcpRequest(token))).resolves.toMatchObject({ subject: 'svc' });
    });

    it('an explicit typ of at+jwt or JWT', async () => {
      for (const typ of ['at+jwt', 'application/at+jwt', 'JWT']) {
        const token = await idp.signJwt({ payload: goodClaims(), header: { typ } });
        await expect(auth.authenticate(mcpRequest(token))).resolves.toBeTruthy();
      }
    });
  });

  describe('challenges', () => {
    it('a request without a token: 401 pointing at the resource metadata, no error attribute', async () => {
      for (const request of [mcpRequest(), mcpRequest(undefined, { authorization: 'Basic dXNlcjpwYXNz' })]) {
        const error = await rejectionOf(auth.authenticate(request));
        expect(error).toMatchObject({ status: 401, code: OAUTH_REJECTION.missingToken });
        expect(error.headers['WWW-Authenticate']).toBe(`Bearer resource_metadata="${RESOURCE_METADATA_URL}"`);
      }
    });

    it('a rejected token: 401 invalid_token with a short description', async () => {
      const token = await idp.signJwt({ payload: { ...goodClaims(), exp: nowSec() - 120 } });
      const error = await rejectionOf(auth.authenticate(mcpRequest(token)));
      expect(error).toMatchObject({ status: 401, code: OAUTH_REJECTION.expired });
      expect(error.headers['WWW-Authenticate']).toBe(
        `Bearer resource_metadata="${RESOURCE_METADATA_URL}", error="invalid_token", error_description="token has expired"`,
      );
      expect(error.message).not.toContain(token);
    });

    it('a token in the query string: 400 invalid_request (RFC 6750 §3.1), even with a valid header', async () => {
      const token = await idp.getClientCredentialsToken();
      for (const request of [
        mcpRequest(undefined, { query: `?access_token=${token}` }),
        mcpRequest(token, { query: `?access_token=${token}` }),
      ]) {
        const error = await rejectionOf(auth.authenticate(request));
        expect(error).toMatchObject({ status: 400, code: OAUTH_REJECTION.tokenInQuery });
        expect(error.headers['WWW-Authenticate']).toContain('error="invalid_request"');
        expect(error.message).not.toContain(token);
      }
    });

    it('a malformed Authorization header: 400 invalid_request', async () => {
      for (const authorization of ['Bearer', 'Bearer a b', 'Bearer a,Bearer b', 'Bearer ä']) {
        const error = await rejectionOf(auth.authenticate(mcpRequest(undefined, { authorization })));
        expect(error).toMatchObject({ status: 400, code: OAUTH_REJECTION.malformedHeader });
      }
    });
  });

  describe('rejects, with the reason as the code', () => {
    it('an expired token', async () => {
      const token = await idp.signJwt({ payload: { ...goodClaims(), iat: nowSec() - 600, exp: nowSec() - 60 } });
      expect(await rejectionCodeOf(token)).toBe(OAUTH_REJECTION.expired);
    });

    it('a token without exp', async () => {
      const { exp: _exp, ...claims } = goodClaims();
      expect(await rejectionCodeOf(await idp.signJwt({ payload: claims }))).toBe(OAUTH_REJECTION.missingExpiry);
    });

    it('a token not valid yet (nbf or iat beyond the tolerance)', async () => {
      for (const claim of ['nbf', 'iat']) {
        const token = await idp.signJwt({ payload: { ...goodClaims(), [claim]: nowSec() + 120 } });
        expect(await rejectionCodeOf(token)).toBe(OAUTH_REJECTION.notYetValid);
      }
    });

    it('a real token issued for another resource', async () => {
      const token = await idp.getClientCredentialsToken({ resource: 'https://other.example/mcp' });
      expect(decodeJwt(token).aud).toBe('https://other.example/mcp');
      expect(await rejectionCodeOf(token)).toBe(OAUTH_REJECTION.wrongAudience);
    });

    it('a token from another issuer, or without aud or iss', async () => {
      const { aud: _aud, ...noAudience } = goodClaims();
      const { iss: _iss, ...noIssuer } = goodClaims();
      expect(await rejectionCodeOf(await idp.signJwt({ payload: { ...goodClaims(), iss: 'https://evil.example' } }))).toBe(
        OAUTH_REJECTION.wrongIssuer,
      );
      expect(await rejectionCodeOf(await idp.signJwt({ payload: noIssuer }))).toBe(OAUTH_REJECTION.wrongIssuer);
      expect(await rejectionCodeOf(await idp.signJwt({ payload: noAudience }))).toBe(OAUTH_REJECTION.wrongAudience);
    });

    it('a real ID token used as an access token, even when the audience is misconfigured as the client id', async () => {
      const { id_token: idToken } = await idp.loginWithPkce();
      expect(decodeJwt(idToken!).nonce).toBeTruthy();
      expect(await rejectionCodeOf(idToken!)).toBe(OAUTH_REJECTION.notAccessToken);
      const misconfigured = authenticatorFor({ audience: idp.clientId });
      expect(await rejectionCodeOf(idToken!, misconfigured)).toBe(OAUTH_REJECTION.notAccessToken);
      misconfigured.close();
    });

    it('an ID token without nonce, by its audience (the client id)', async () => {
      const { id_token: idToken } = await idp.loginWithPkce({ nonce: false });
      expect(await rejectionCodeOf(idToken!)).toBe(OAUTH_REJECTION.wrongAudience);
    });

    it('a JWT typed as something other than an access token', async () => {
      const token = await idp.signJwt({ payload: goodClaims(), header: { typ: 'logout+jwt' } });
      expect(await rejectionCodeOf(token)).toBe(OAUTH_REJECTION.notAccessToken);
    });

    it('an HS256 token whose HMAC secret is the issuer public key (algorithm confusion)', async () => {
      const { keys } = (await (await fetch(idp.jwksUri)).json()) as { keys: JWK[] };
      const rsaKey = keys.find((key) => key.kty === 'RSA')!;
      const pem = createPublicKey({ key: rsaKey as JsonWebKey, format: 'jwk' }).export({
        type: 'spki',
        format: 'pem',
      });
      const token = await new SignJWT(goodClaims())
        .setProtectedHeader({ alg: 'HS256', kid: rsaKey.kid })
        .sign(new TextEncoder().encode(pem.toString()));
      expect(await rejectionCodeOf(token)).toBe(OAUTH_REJECTION.algorithmNotAllowed);
    });

    it('an unsecured token (alg none)', async () => {
      const token = new UnsecuredJWT(goodClaims()).encode();
      expect(token.endsWith('.')).toBe(true);
      expect(await rejectionCodeOf(token)).toBe(OAUTH_REJECTION.algorithmNotAllowed);
    });

    it('a token signed by a key the issuer never published', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const token = await new SignJWT(goodClaims()).setProtectedHeader({ alg: 'ES256', kid: 'not-published' }).sign(privateKey);
      expect(await rejectionCodeOf(token)).toBe(OAUTH_REJECTION.unknownKey);
    });

    it('a token whose kid names a published key but which another key signed', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT(goodClaims())
        .setProtectedHeader({ alg: 'RS256', kid: idp.signingKid('RS256') })
        .sign(privateKey);
      expect(await rejectionCodeOf(token)).toBe(OAUTH_REJECTION.badSignature);
    });

    it('a real token with a tampered payload', async () => {
      const token = await idp.getClientCredentialsToken({ scope: 'mcp:tools' });
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!))) as Record<string, unknown>;
      const forged = base64url.encode(JSON.stringify({ ...claims, scope: 'mcp:tools mcp:admin' }));
      expect(await rejectionCodeOf(`${header}.${forged}.${signature}`)).toBe(OAUTH_REJECTION.badSignature);
    });

    it('malformed tokens', async () => {
      const real = await idp.getClientCredentialsToken();
      const [header, payload] = real.split('.');
      const notJson = base64url.encode('not json');
      for (const token of [
        'abc',
        `${header}.${payload}`,
        `${real}.extra`,
        `${header}.${payload}.`,
        `${notJson}.${payload}.sig`,
        `${header}.${notJson}.sig`,
        `${header}.${base64url.encode('[1,2]')}.sig`,
        `${'a'.repeat(20_000)}.${payload}.sig`,
      ]) {
        expect(await rejectionCodeOf(token), token.slice(0, 40)).toBe(OAUTH_REJECTION.malformedToken);
      }
    });
  });

  describe('required scopes', () => {
    it('a valid token lacking a required scope: 403 insufficient_scope naming the scopes', async () => {
      const scoped = authenticatorFor({ requiredScopes: ['mcp:tools', 'mcp:admin'] });
      const narrow = await idp.getClientCredentialsToken({ scope: 'mcp:tools' });
      const error = await rejectionOf(scoped.authenticate(mcpRequest(narrow)));
      expect(error).toMatchObject({ status: 403, code: OAUTH_REJECTION.insufficientScope });
      expect(error.headers['WWW-Authenticate']).toBe(
        `Bearer resource_metadata="${RESOURCE_METADATA_URL}", error="insufficient_scope", ` +
          'error_description="token lacks required scope: mcp:admin", scope="mcp:tools mcp:admin"',
      );
      // A second try is not served from the cache.
      expect((await rejectionOf(scoped.authenticate(mcpRequest(narrow)))).status).toBe(403);
      const broad = await idp.getClientCredentialsToken({ scope: 'mcp:tools mcp:admin' });
      await expect(scoped.authenticate(mcpRequest(broad))).resolves.toMatchObject({ scopes: ['mcp:tools', 'mcp:admin'] });
      scoped.close();
    });

    it('the scp claim as an array counts as granted scopes', async () => {
      const scoped = authenticatorFor({ requiredScopes: ['mcp:tools'] });
      const { scope: _scope, ...claims } = goodClaims();
      const token = await idp.signJwt({ payload: { ...claims, scp: ['mcp:tools'] } });
      await expect(scoped.authenticate(mcpRequest(token))).resolves.toMatchObject({ scopes: ['mcp:tools'] });
      scoped.close();
    });

    it('the resource metadata URL may be computed late (a server bound to port 0)', async () => {
      let port = 0;
      const late = authenticatorFor({ resourceMetadataUrl: () => `http://127.0.0.1:${port}/.well-known/oauth-protected-resource/mcp` });
      port = 41234;
      const error = await rejectionOf(late.authenticate(mcpRequest()));
      expect(error.headers['WWW-Authenticate']).toContain('resource_metadata="http://127.0.0.1:41234/.well-known/');
      late.close();
    });

    it('the 401 challenge names the required scopes too', async () => {
      const scoped = authenticatorFor({ requiredScopes: ['mcp:tools'] });
      const error = await rejectionOf(scoped.authenticate(mcpRequest()));
      expect(error.headers['WWW-Authenticate']).toBe(`Bearer resource_metadata="${RESOURCE_METADATA_URL}", scope="mcp:tools"`);
      scoped.close();
    });
  });

  it('never logs a token', () => {
    expect(logLines.join('\n')).not.toMatch(/eyJ/);
  });
});
