import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPair, SignJWT } from 'jose';
import { startOidcProvider, type OidcProviderFixture } from '../support/oidc-provider.js';
import { createOAuthAuthenticator, type OAuthAuthenticator } from '../../src/core/auth/oauth/authenticator.js';
import { OAUTH_EVENT_COUNTERS, type OAuthEvent } from '../../src/core/auth/oauth/events.js';
import type { OAuthAuthenticatorOptions } from '../../src/core/auth/oauth/options.js';
import { OAUTH_REJECTION } from '../../src/core/auth/oauth/reasons.js';
import { mcpRequest, nowSec, rejectionOf, RESOURCE, RESOURCE_METADATA_URL, sleep } from '../../src/core/auth/oauth/testing/oauth-requests.js';

/**
 * Key lifecycle against a real issuer: rotation, removal, an unreachable
 * issuer and a flood of unknown key ids, with JWKS fetches counted at the
 * issuer's own HTTP server.
 */
describe('oauth signing keys over time', () => {
  let idp: OidcProviderFixture;
  let auth: OAuthAuthenticator;
  let events: OAuthEvent[];
  let logLines: string[];

  async function start(options: Partial<OAuthAuthenticatorOptions> = {}): Promise<void> {
    idp = await startOidcProvider({ keys: 'rs256', resource: RESOURCE });
    events = [];
    logLines = [];
    auth = createOAuthAuthenticator({
      issuer: idp.issuer,
      audience: RESOURCE,
      jwksUri: idp.jwksUri,
      resourceMetadataUrl: RESOURCE_METADATA_URL,
      onEvent: (event) => events.push(event),
      log: (line) => logLines.push(line),
      ...options,
    });
  }

  afterEach(async () => {
    auth.close();
    await idp.stop();
  });

  const jwksFetches = () => idp.countRequests('/jwks');
  const accept = (token: string) => auth.authenticate(mcpRequest(token));
  const codeOf = async (token: string) => (await rejectionOf(accept(token))).code;
  const claims = () => ({ iss: idp.issuer, aud: RESOURCE, sub: 'svc', iat: nowSec(), exp: nowSec() + 300 });

  /** A token signed by a key the issuer never published, with a random kid. */
  async function strangerToken(): Promise<string> {
    const { privateKey } = await generateKeyPair('ES256');
    const kid = `stranger-${Math.random().toString(36).slice(2)}`;
    return new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', kid }).sign(privateKey);
  }

  it('accepts a token signed by a freshly rotated key within 5 s, without rebuilding', async () => {
    await start(); // default cooldown
    await accept(await idp.getClientCredentialsToken());
    await idp.rotateKeys();
    const rotated = await idp.getClientCredentialsToken();

    const started = Date.now();
    let acceptedAfterMs: number | undefined;
    while (Date.now() - started < 5_000) {
      try {
        await accept(rotated);
        acceptedAfterMs = Date.now() - started;
        break;
      } catch (error) {
        expect((error as { code: string }).code).toBe(OAUTH_REJECTION.unknownKey);
        await sleep(250);
      }
    }
    expect(acceptedAfterMs).toBeDefined();
    expect(acceptedAfterMs).toBeLessThan(5_000);
    expect(jwksFetches()).toBe(2);
  });

  it('stops accepting a removed key once the key set is older than its max age', async () => {
    await start({ jwksMaxAgeMs: 1_000, jwksCooldownMs: 200 });
    const old = await idp.getClientCredentialsToken();
    await accept(old);
    await idp.rotateKeys();
    await idp.removeOldKeys();

    // Within the max age the old key is still trusted (cached token and key set).
    await expect(accept(old)).resolves.toBeTruthy();
    await sleep(1_100);
    expect(await codeOf(old)).toBe(OAUTH_REJECTION.unknownKey);
    await expect(accept(await idp.getClientCredentialsToken())).resolves.toBeTruthy();
  });

  it('keeps validating known keys while the issuer is down, and reports the outage', async () => {
    await start({ jwksMaxAgeMs: 300, jwksCooldownMs: 200 });
    await accept(await idp.getClientCredentialsToken());
    const known = await idp.signJwt({ payload: claims() }); // signed with the published key, never seen
    const stranger = await strangerToken();

    idp.setOffline(true);
    await sleep(400); // the key set is now stale: using it forces a refetch attempt
    await expect(accept(known)).resolves.toMatchObject({ subject: 'svc' });
    expect(await codeOf(stranger)).toBe(OAUTH_REJECTION.keysUnavailable);

    const failures = events.filter((event) => event.type === 'jwks_fetch_failed');
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(failures[0]).toMatchObject({ jwksUri: idp.jwksUri, knownKeys: 1 });
    // What a metrics hook wired through OAUTH_EVENT_COUNTERS would count.
    const counted = events.map((event) => OAUTH_EVENT_COUNTERS[event.type]);
    expect(counted).toContain('oauth_jwks_fetch_errors_total');
    expect(logLines.some((line) => line.startsWith('[oauth] JWKS fetch from') && line.includes('still trusting 1 known key'))).toBe(true);

    idp.setOffline(false);
    await sleep(250);
    expect(await codeOf(stranger)).toBe(OAUTH_REJECTION.unknownKey);
    expect(events.at(-1)).toMatchObject({ type: 'jwks_fetched', keyCount: 1 });
  });

  it('answers a flood of unknown key ids with at most one JWKS fetch per cooldown', async () => {
    await start({ jwksCooldownMs: 1_000 });
    await accept(await idp.getClientCredentialsToken());
    const before = jwksFetches();
    const tokens = await Promise.all(Array.from({ length: 100 }, strangerToken));

    const started = Date.now();
    for (let batch = 0; batch < 10; batch += 1) {
      const codes = await Promise.all(tokens.slice(batch * 10, batch * 10 + 10).map(codeOf));
      expect(new Set(codes)).toEqual(new Set([OAUTH_REJECTION.unknownKey]));
      await sleep(200);
    }
    const elapsedSec = (Date.now() - started) / 1000;
    expect(jwksFetches() - before).toBeLessThanOrEqual(Math.ceil(elapsedSec) + 1);
    expect(jwksFetches() - before).toBeGreaterThanOrEqual(1);
  });
});
