import { afterEach, describe, expect, it } from 'vitest';
import { startOidcProvider, type OidcProviderFixture } from '../support/oidc-provider.js';
import { createOAuthAuthenticator, type OAuthAuthenticator } from '../../src/core/auth/oauth/authenticator.js';
import type { OAuthEvent } from '../../src/core/auth/oauth/events.js';
import type { OAuthAuthenticatorOptions } from '../../src/core/auth/oauth/options.js';
import { OAUTH_REJECTION } from '../../src/core/auth/oauth/reasons.js';
import { mcpRequest, rejectionOf, RESOURCE, RESOURCE_METADATA_URL, sleep } from '../../src/core/auth/oauth/testing/oauth-requests.js';

describe('JWKS discovery from a real issuer', () => {
  let idp: OidcProviderFixture;
  let auth: OAuthAuthenticator | undefined;
  let events: OAuthEvent[];

  function authenticator(options: Partial<OAuthAuthenticatorOptions> = {}): OAuthAuthenticator {
    events = [];
    auth = createOAuthAuthenticator({
      issuer: idp.issuer,
      audience: RESOURCE,
      resourceMetadataUrl: RESOURCE_METADATA_URL,
      onEvent: (event) => events.push(event),
      log: () => undefined,
      ...options,
    });
    return auth;
  }

  afterEach(async () => {
    auth?.close();
    await idp.stop();
  });

  it('finds the JWKS URI in the OpenID configuration, once, on the first request', async () => {
    idp = await startOidcProvider({ resource: RESOURCE });
    const oauth = authenticator();
    expect(idp.requests).toHaveLength(0); // nothing fetched at construction
    for (const alg of ['RS256', 'ES256'] as const) {
      await oauth.authenticate(mcpRequest(await idp.getClientCredentialsToken({ alg })));
    }
    expect(idp.countRequests('/.well-known/openid-configuration')).toBe(1);
    expect(idp.countRequests('/jwks')).toBe(1);
    expect(events[0]).toEqual({ type: 'discovery_succeeded', issuer: idp.issuer, jwksUri: idp.jwksUri });
  });

  it('falls back to RFC 8414 metadata when there is no OpenID configuration', async () => {
    idp = await startOidcProvider({ resource: RESOURCE, hideWellKnown: ['openid-configuration'] });
    await authenticator().authenticate(mcpRequest(await idp.getClientCredentialsToken()));
    expect(idp.countRequests('/.well-known/openid-configuration')).toBe(1);
    expect(idp.countRequests('/.well-known/oauth-authorization-server')).toBe(1);
  });

  it('refuses metadata naming another issuer', async () => {
    idp = await startOidcProvider({ resource: RESOURCE });
    const oauth = authenticator({ issuer: idp.issuer.replace('127.0.0.1', 'localhost') });
    const error = await rejectionOf(oauth.authenticate(mcpRequest(await idp.getClientCredentialsToken())));
    expect(error).toMatchObject({ status: 401, code: OAUTH_REJECTION.keysUnavailable });
    expect(events).toEqual([
      expect.objectContaining({ type: 'discovery_failed', message: expect.stringContaining(`expected "${idp.issuer.replace('127.0.0.1', 'localhost')}"`) }),
    ]);
    expect(idp.countRequests('/jwks')).toBe(0);
  });

  it('starts while the issuer is down and discovers once it is back', async () => {
    idp = await startOidcProvider({ resource: RESOURCE });
    const token = await idp.getClientCredentialsToken();
    idp.setOffline(true);
    const oauth = authenticator({ jwksCooldownMs: 200 });
    expect((await rejectionOf(oauth.authenticate(mcpRequest(token)))).code).toBe(OAUTH_REJECTION.keysUnavailable);
    // Within the cooldown, no new attempt reaches the issuer.
    const attempts = idp.requests.length;
    expect((await rejectionOf(oauth.authenticate(mcpRequest(token)))).code).toBe(OAUTH_REJECTION.keysUnavailable);
    expect(idp.requests.length).toBe(attempts);
    expect(events.map((event) => event.type)).toEqual(['discovery_failed']);

    idp.setOffline(false);
    await sleep(250);
    await expect(oauth.authenticate(mcpRequest(token))).resolves.toMatchObject({ scopes: ['mcp:tools', 'mcp:admin'] });
    expect(events.map((event) => event.type)).toEqual(['discovery_failed', 'discovery_succeeded', 'jwks_fetched']);
  });
});
