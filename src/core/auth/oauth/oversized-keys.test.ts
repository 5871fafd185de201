import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import {
  startHostileHttpServer,
  stallAfterHeaders,
  streamHugeBody,
  type HostileHttpServer,
  type StreamOutcome,
} from '../../http/testing/hostile-http-server.js';
import { createOAuthAuthenticator, type OAuthAuthenticator } from './authenticator.js';
import { DiscoveryError, discoverJwksUri } from './discovery.js';
import { OAUTH_EVENT_COUNTERS, type OAuthEvent } from './events.js';
import { OAUTH_REJECTION } from './reasons.js';
import { mcpRequest, nowSec, rejectionOf, RESOURCE, RESOURCE_METADATA_URL } from './testing/oauth-requests.js';

const MIB = 1024 * 1024;
/** What the hostile issuer is willing to send before giving up by itself. */
const HUGE_BODY_BYTES = 50 * MIB;

/**
 * An issuer whose key set turns into an endless body (the attack that crashed
 * the server with a 3 GiB JWKS): the download must stop at 1 MiB, be reported,
 * and the keys already known must keep validating.
 */
describe('a JWKS endpoint that sends a huge body', () => {
  let server: HostileHttpServer;
  let auth: OAuthAuthenticator;
  let events: OAuthEvent[];
  let logLines: string[];
  let privateKey: CryptoKey;
  let publicJwk: JWK;
  let mode: 'keys' | 'huge' = 'keys';
  let streamed: Promise<StreamOutcome> | undefined;

  function respondJwks(res: ServerResponse): void {
    if (mode === 'keys') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
      return;
    }
    streamed = streamHugeBody(res, { prefix: `{"keys":[${JSON.stringify(publicJwk)}],"pad":"`, limitBytes: HUGE_BODY_BYTES });
  }

  async function start(): Promise<void> {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'known', alg: 'ES256', use: 'sig' };
    server = await startHostileHttpServer((req, res) => {
      if (req.url === '/jwks') respondJwks(res);
      else res.writeHead(404).end();
    });
    events = [];
    logLines = [];
    auth = createOAuthAuthenticator({
      issuer: server.origin,
      audience: RESOURCE,
      jwksUri: `${server.origin}/jwks`,
      resourceMetadataUrl: RESOURCE_METADATA_URL,
      // Every verification refetches the key set: the huge body is hit at once.
      jwksMaxAgeMs: 0,
      jwksCooldownMs: 0,
      onEvent: (event) => events.push(event),
      log: (line) => logLines.push(line),
    });
  }

  afterEach(async () => {
    auth.close();
    await server.stop();
    mode = 'keys';
    streamed = undefined;
  });

  const token = (kid = 'known', key = privateKey) =>
    new SignJWT({ iss: server.origin, aud: RESOURCE, sub: 'svc', iat: nowSec(), exp: nowSec() + 300, jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'ES256', kid })
      .sign(key);

  it('stops the download at 1 MiB, logs and counts why, and keeps validating the known key', async () => {
    await start();
    await expect(auth.authenticate(mcpRequest(await token()))).resolves.toMatchObject({ subject: 'svc' });

    mode = 'huge';
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    // Signed with the already-known key: accepted although the refresh fails.
    await expect(auth.authenticate(mcpRequest(await token()))).resolves.toMatchObject({ subject: 'svc' });
    const elapsedMs = Date.now() - started;
    const rssGrowth = process.memoryUsage().rss - rssBefore;

    expect(streamed).toBeDefined();
    const outcome = await streamed!;
    expect(outcome.clientDisconnected).toBe(true);
    expect(outcome.bytesSent).toBeLessThan(8 * MIB); // the 1 MiB cap plus socket buffers, far from 50 MiB
    expect(elapsedMs).toBeLessThan(5_000);
    expect(rssGrowth).toBeLessThan(100 * MIB);

    const failure = events.find((event) => event.type === 'jwks_fetch_failed');
    expect(failure).toMatchObject({ jwksUri: `${server.origin}/jwks`, knownKeys: 1 });
    expect(failure).toMatchObject({ message: `response from ${server.origin}/jwks is larger than the 1 MiB limit` });
    expect(events.map((event) => OAUTH_EVENT_COUNTERS[event.type])).toContain('oauth_jwks_fetch_errors_total');
    expect(logLines).toContain(
      `[oauth] JWKS fetch from ${server.origin}/jwks failed: response from ${server.origin}/jwks is larger than the 1 MiB limit; still trusting 1 known key(s)`,
    );

    // A key the issuer never published cannot be fetched now: refused as unavailable, not crashed.
    const stranger = await token('stranger', (await generateKeyPair('ES256')).privateKey);
    expect((await rejectionOf(auth.authenticate(mcpRequest(stranger)))).code).toBe(OAUTH_REJECTION.keysUnavailable);
  });
});

describe('discovery against a misbehaving issuer', () => {
  let server: HostileHttpServer;
  afterEach(() => server.stop());

  async function discoveryFailure(respond: (res: ServerResponse) => void, timeoutMs = 5_000): Promise<DiscoveryError> {
    server = await startHostileHttpServer((_req, res) => respond(res));
    const error = await discoverJwksUri(server.origin, { fetch, timeoutMs }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DiscoveryError);
    return error as DiscoveryError;
  }

  it('refuses a metadata document over 1 MiB with a DiscoveryError naming the URL and the limit', async () => {
    const error = await discoveryFailure((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ issuer: server.origin, jwks_uri: `${server.origin}/jwks`, pad: 'x'.repeat(MIB) }));
    });
    expect(error.message).toBe(`response from ${server.origin}/.well-known/openid-configuration is larger than the 1 MiB limit`);
    expect(error.cause).toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
  });

  it('gives up on a metadata document that never finishes, within the timeout', async () => {
    const started = Date.now();
    const error = await discoveryFailure((res) => stallAfterHeaders(res, '{"issuer":'), 300);
    expect(error.message).toBe(`${server.origin}/.well-known/openid-configuration did not answer in full within 300 ms`);
    expect(error.cause).toMatchObject({ code: 'RESPONSE_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
