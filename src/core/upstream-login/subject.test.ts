import { describe, expect, it } from 'vitest';
import { subjectOf } from './subject.js';

/** An unsigned JWT carrying `claims` (the subject is only displayed, so no signature is checked). */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

const opaque = 'opaque-access-token';

describe('subjectOf', () => {
  it('prefers the ID token: email, then preferred_username, then name, then sub', () => {
    const all = { sub: 'u-1', name: 'Alice Liddell', preferred_username: 'alice', email: 'alice@example.com' };
    expect(subjectOf({ id_token: jwt(all), access_token: opaque })).toBe('alice@example.com');
    const { email: _email, ...noEmail } = all;
    expect(subjectOf({ id_token: jwt(noEmail), access_token: opaque })).toBe('alice');
    const { preferred_username: _user, ...nameAndSub } = noEmail;
    expect(subjectOf({ id_token: jwt(nameAndSub), access_token: opaque })).toBe('Alice Liddell');
    expect(subjectOf({ id_token: jwt({ sub: 'u-1' }), access_token: opaque })).toBe('u-1');
  });

  it('skips blank or non-text claims and trims', () => {
    expect(subjectOf({ id_token: jwt({ email: '  ', preferred_username: 42, name: ' Alice ', sub: 'u-1' }), access_token: opaque })).toBe('Alice');
  });

  it('falls back to the sub of a JWT access token when there is no usable ID token', () => {
    const access = jwt({ sub: 'from-access', email: 'ignored@example.com' });
    expect(subjectOf({ access_token: access })).toBe('from-access');
    expect(subjectOf({ id_token: jwt({ aud: 'x' }), access_token: access })).toBe('from-access');
  });

  it('a malformed ID token is ignored, never thrown', () => {
    for (const id_token of ['not-a-jwt', 'a.b.c', `${jwt({ sub: 'x' })}.extra`, 'e30.bm90IGpzb24.sig', '']) {
      expect(subjectOf({ id_token, access_token: opaque })).toBeUndefined();
    }
  });

  it('no ID token and an opaque access token: no subject', () => {
    expect(subjectOf({ access_token: opaque })).toBeUndefined();
  });
});
