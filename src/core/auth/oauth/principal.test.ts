import { describe, expect, it } from 'vitest';
import { principalFromClaims } from './principal.js';
import type { AccessTokenClaims } from './verify-access-token.js';

const ISSUER = 'https://id.example.com';
const exp = 2_000_000_000;
const claims = (extra: Partial<AccessTokenClaims> = {}): AccessTokenClaims => ({ iss: ISSUER, aud: 'mcp', exp, ...extra });

describe('principalFromClaims', () => {
  it('keeps one bucket per subject and client across token refreshes', () => {
    const first = principalFromClaims('token-1', claims({ sub: 'alice', client_id: 'app' }));
    const refreshed = principalFromClaims('token-2', claims({ sub: 'alice', client_id: 'app' }));
    const other = principalFromClaims('token-3', claims({ sub: 'bob', client_id: 'app' }));
    expect(first.clientKey).toMatch(/^oauth:[0-9a-f]{64}$/);
    expect(refreshed.clientKey).toBe(first.clientKey);
    expect(other.clientKey).not.toBe(first.clientKey);
    expect(first).toMatchObject({ subject: 'alice', clientId: 'app', label: 'oauth:ali…' });
  });

  it('gives tokens with neither sub nor client id one shared bucket per issuer, not one per token', () => {
    const keys = ['token-a', 'token-b', 'token-c'].map((token) => principalFromClaims(token, claims({ jti: token })).clientKey);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^oauth:[0-9a-f]{64}$/);
    expect(keys[0]).not.toContain('token-a');
    expect(principalFromClaims('token-d', claims({ sub: '', client_id: '' })).clientKey).toBe(keys[0]);
    expect(principalFromClaims('token-a', claims({ iss: 'https://other.example.com' })).clientKey).not.toBe(keys[0]);

    const anonymous = principalFromClaims('token-a', claims());
    expect(anonymous.label).toBe('oauth:anonymous');
    expect(anonymous.subject).toBeUndefined();
    expect(anonymous.clientId).toBeUndefined();
  });

  it('does not let an anonymous token share a bucket with a named client', () => {
    const anonymous = principalFromClaims('t1', claims()).clientKey;
    expect(principalFromClaims('t2', claims({ client_id: 'app' })).clientKey).not.toBe(anonymous);
    expect(principalFromClaims('t3', claims({ azp: 'app' })).clientKey).toBe(principalFromClaims('t4', claims({ client_id: 'app' })).clientKey);
  });
});
