import { afterEach, describe, expect, it } from 'vitest';
import { startOidcProvider, type OidcProviderFixture } from '../support/oidc-provider.js';
import { createOAuthAuthenticator, type OAuthAuthenticator } from '../../src/core/auth/oauth/authenticator.js';
import { mcpRequest, RESOURCE, RESOURCE_METADATA_URL } from '../../src/core/auth/oauth/testing/oauth-requests.js';

/** Polls `read` until `done` holds (bounded); the background work has no event to wait on from outside. */
async function until<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let value = read(); ; value = read()) {
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('issuer health and the background key fetch (real issuer)', () => {
  let idp: OidcProviderFixture;
  let auth: OAuthAuthenticator | undefined;

  afterEach(async () => {
    auth?.close();
    await idp.stop();
  });

  function authenticator(keyRetryMs: number): OAuthAuthenticator {
    auth = createOAuthAuthenticator({ issuer: idp.issuer, audience: RESOURCE, resourceMetadataUrl: RESOURCE_METADATA_URL, keyRetryMs, jwksCooldownMs: 0, log: () => undefined });
    return auth;
  }

  it('fetches the keys at once, before any request, and then serves tokens with them', async () => {
    idp = await startOidcProvider({ resource: RESOURCE });
    const oauth = authenticator(60_000);
    expect(oauth.issuerHealth()).toEqual({ state: 'unknown', discovery: 'unknown', jwks: 'unknown' });

    const health = await until(() => oauth.issuerHealth(), (h) => h.state === 'ok');
    expect(health).toMatchObject({ discovery: 'ok', jwks: 'ok' });
    expect(health.lastError).toBeUndefined();
    expect(idp.countRequests('/jwks')).toBe(1);

    await oauth.authenticate(mcpRequest(await idp.getClientCredentialsToken()));
    expect(idp.countRequests('/jwks')).toBe(1);
  });

  it('retries while the issuer is down, one attempt per interval, and stops when closed', async () => {
    idp = await startOidcProvider({ resource: RESOURCE });
    idp.setOffline(true);
    const oauth = authenticator(100);
    const discoveries = () => idp.countRequests('/.well-known/openid-configuration');

    await until(discoveries, (count) => count >= 3);
    expect(oauth.issuerHealth()).toMatchObject({ state: 'unreachable', discovery: 'failed' });

    oauth.close();
    const atClose = discoveries();
    // Five retry intervals with no attempt: the timer is gone (an attempt in flight at close may still land).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(discoveries()).toBeLessThanOrEqual(atClose + 1);
  });
});
