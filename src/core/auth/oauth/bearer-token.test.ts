import { describe, expect, it } from 'vitest';
import { extractBearerToken } from './bearer-token.js';
import { OAUTH_REJECTION } from './reasons.js';

const url = new URL('http://127.0.0.1:8000/mcp');
const extract = (authorization?: string, target = url) =>
  extractBearerToken(new Headers(authorization === undefined ? {} : { authorization }), target);

describe('extractBearerToken (RFC 6750 §2.1)', () => {
  it('takes the token from the Authorization header, scheme case-insensitive', () => {
    expect(extract('Bearer abc.DEF-_~+/=')).toEqual({ ok: true, token: 'abc.DEF-_~+/=' });
    expect(extract('bearer   abc')).toEqual({ ok: true, token: 'abc' });
  });

  it('reports a missing token for no header or another scheme', () => {
    for (const header of [undefined, '', 'Basic dXNlcjpwYXNz', 'Bearerabc']) {
      expect(extract(header)).toMatchObject({ ok: false, code: OAUTH_REJECTION.missingToken });
    }
  });

  it('reports a malformed header for an empty or non-token68 value', () => {
    for (const header of ['Bearer', 'Bearer ', 'Bearer a b', 'Bearer "abc"']) {
      expect(extract(header)).toMatchObject({ ok: false, code: OAUTH_REJECTION.malformedHeader });
    }
  });

  it('refuses the query-string method, with or without a header', () => {
    const withQuery = new URL('http://127.0.0.1:8000/mcp?access_token=abc');
    expect(extract(undefined, withQuery)).toMatchObject({ ok: false, code: OAUTH_REJECTION.tokenInQuery });
    expect(extract('Bearer abc', withQuery)).toMatchObject({ ok: false, code: OAUTH_REJECTION.tokenInQuery });
  });
});
