import { describe, expect, it } from 'vitest';
import { initialIssuerHealth, nextIssuerHealth } from './issuer-health.js';

describe('issuer health', () => {
  it('starts unknown; discovery is not needed when a JWKS URI is configured', () => {
    expect(initialIssuerHealth(false)).toEqual({ state: 'unknown', discovery: 'unknown', jwks: 'unknown' });
    expect(initialIssuerHealth(true).discovery).toBe('not_needed');
  });

  it('is unreachable after a failed discovery, ok after a key fetch, and keeps the last error and fetch time', () => {
    let health = initialIssuerHealth(false);
    health = nextIssuerHealth(health, { type: 'discovery_failed', issuer: 'http://127.0.0.1:1', message: 'fetch failed (ECONNREFUSED)' }, 1);
    expect(health).toEqual({ state: 'unreachable', discovery: 'failed', jwks: 'unknown', lastError: 'discovery at http://127.0.0.1:1 failed: fetch failed (ECONNREFUSED)' });
    health = nextIssuerHealth(health, { type: 'discovery_succeeded', issuer: 'http://127.0.0.1:1', jwksUri: 'http://127.0.0.1:1/jwks' }, 2);
    health = nextIssuerHealth(health, { type: 'jwks_fetched', jwksUri: 'http://127.0.0.1:1/jwks', keyCount: 2 }, 3);
    expect(health).toMatchObject({ state: 'ok', discovery: 'ok', jwks: 'ok', lastKeyFetchAt: 3, lastError: expect.stringContaining('ECONNREFUSED') });
    health = nextIssuerHealth(health, { type: 'jwks_fetch_failed', jwksUri: 'http://127.0.0.1:1/jwks', message: 'HTTP 503', knownKeys: 2 }, 4);
    expect(health).toMatchObject({ state: 'unreachable', jwks: 'failed', lastKeyFetchAt: 3, lastError: 'key set download from http://127.0.0.1:1/jwks failed: HTTP 503' });
  });
});
