import { describe, expect, it } from 'vitest';
import type { OAuthSettings } from '../config/types.js';
import { checkIssuer } from './issuer-check.js';

const ISSUER = 'https://login.example.com';
const JWKS = 'https://login.example.com/keys';
const NOW = Date.parse('2026-01-01T12:00:00Z');

type Route = { status?: number; body?: unknown; date?: number };

/** A fetch answering from a table of URLs (404 elsewhere), each answer with a Date header. */
function fakeFetch(routes: Record<string, Route | Error>): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = input instanceof Request ? input.url : String(input);
    const route = routes[url];
    if (route instanceof Error) throw route;
    const { status = 200, body = {}, date = NOW } = route ?? { status: 404 };
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', date: new Date(date).toUTCString() } });
  }) as typeof fetch;
}

const oauth = (patch: Partial<OAuthSettings> = {}): OAuthSettings => ({ issuer: ISSUER, audience: 'api', requiredScopes: [], ...patch });
const metadata = { [`${ISSUER}/.well-known/openid-configuration`]: { body: { issuer: ISSUER, jwks_uri: JWKS } } };
const keys = { [JWKS]: { body: { keys: [{ kty: 'RSA', kid: 'a' }, { kty: 'RSA', kid: 'b' }] } } };

describe('checkIssuer', () => {
  it('passes a reachable issuer with keys and a clock in step', async () => {
    const lines = await checkIssuer(oauth(), { fetch: fakeFetch({ ...metadata, ...keys }), now: () => NOW + 2_000 });
    expect(lines.map((l) => [l.check, l.severity])).toEqual([
      ['issuer.discovery', 'ok'],
      ['issuer.jwks', 'ok'],
      ['issuer.clock', 'ok'],
    ]);
    expect(lines[0]?.message).toContain(JWKS);
    expect(lines[1]?.message).toContain('2 keys');
  });

  it('fails discovery when the issuer cannot be reached, and checks no keys', async () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const lines = await checkIssuer(oauth(), { fetch: fakeFetch({ [`${ISSUER}/.well-known/openid-configuration`]: refused }), now: () => NOW });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ check: 'issuer.discovery', ok: false, severity: 'error' });
    expect(lines[0]?.message).toContain('ECONNREFUSED');
    expect(lines[0]?.message).toContain('Every token will be refused');
    expect(lines[0]?.fix).toContain('MCP_OAUTH_ISSUER');
  });

  it('only warns about discovery when a JWKS URI is set, and still checks those keys', async () => {
    const lines = await checkIssuer(oauth({ jwksUri: JWKS }), { fetch: fakeFetch({ ...keys }), now: () => NOW });
    expect(lines.map((l) => [l.check, l.severity])).toEqual([
      ['issuer.discovery', 'warn'],
      ['issuer.jwks', 'ok'],
      ['issuer.clock', 'ok'],
    ]);
  });

  it.each([
    ['an HTTP error', { status: 500 }, /answered HTTP 500/],
    ['an empty key set', { body: { keys: [] } }, /holds no keys/],
  ])('fails the keys on %s', async (_, route, pattern) => {
    const lines = await checkIssuer(oauth(), { fetch: fakeFetch({ ...metadata, [JWKS]: route }), now: () => NOW });
    const jwks = lines.find((l) => l.check === 'issuer.jwks');
    expect(jwks).toMatchObject({ ok: false, severity: 'error' });
    expect(jwks?.message).toMatch(pattern);
    expect(jwks?.fix).toContain('MCP_OAUTH_JWKS_URI');
  });

  it.each([
    [45_000, 'ahead of'],
    [-120_000, 'behind'],
  ])('warns when the clock is %i ms off the issuer’s Date', async (skew, word) => {
    const lines = await checkIssuer(oauth(), { fetch: fakeFetch({ ...metadata, ...keys }), now: () => NOW + skew });
    const clock = lines.find((l) => l.check === 'issuer.clock');
    expect(clock).toMatchObject({ ok: true, severity: 'warn' });
    expect(clock?.message).toContain(`${Math.abs(skew) / 1000} s ${word} the issuer's`);
    expect(clock?.fix).toContain('NTP');
  });

  it('does nothing without an issuer (the settings check reports it)', async () => {
    expect(await checkIssuer({ requiredScopes: [] }, { fetch: fakeFetch({}), now: () => NOW })).toEqual([]);
  });
});
