import { InsufficientScopeError, SdkErrorCode, SdkHttpError, UnauthorizedError } from '@modelcontextprotocol/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { UpstreamNeedsSignInError } from '../upstream-login/types.js';
import { loadClientSdk } from './client-sdk.js';
import { plainHttpSignInRefused, signInMessage, signInNeeded } from './sign-in-needed.js';

describe('signInNeeded', () => {
  // An SDK error only exists once an upstream loaded the client SDK; so it is here.
  beforeAll(async () => {
    await loadClientSdk();
  });

  it('takes the reason of the provider’s needs-sign-in error', () => {
    expect(signInNeeded(new UpstreamNeedsSignInError('gh', 'the refresh token was revoked'))).toEqual({ reason: 'the refresh token was revoked' });
  });

  it('turns a 403 insufficient_scope into the extra permission to ask for', () => {
    expect(signInNeeded(new InsufficientScopeError({ requiredScope: 'repo:write' }))).toEqual({ reason: 'needs the extra permission repo:write', scope: 'repo:write' });
    expect(signInNeeded(new InsufficientScopeError({ requiredScope: 'a b' }))).toEqual({ reason: 'needs the extra permissions a b', scope: 'a b' });
  });

  it('keeps no scope it could not show safely (the challenge is the server’s text)', () => {
    for (const requiredScope of [undefined, 'x'.repeat(300), 'a\nb', 'say "hi"']) {
      expect(signInNeeded(new InsufficientScopeError(requiredScope === undefined ? {} : { requiredScope }))).toEqual({ reason: 'needs more permission than the sign-in grants' });
    }
  });

  it('counts a token refused after a refresh, and nothing else', () => {
    expect(signInNeeded(new UnauthorizedError())).toMatchObject({ reason: expect.any(String) });
    expect(signInNeeded(new SdkHttpError(SdkErrorCode.ClientHttpAuthentication, 'Server returned 401 after re-authentication', { status: 401, statusText: 'Unauthorized' }))).toMatchObject({ reason: expect.any(String) });
    expect(signInNeeded(new Error('connect ECONNREFUSED'))).toBeUndefined();
    expect(signInNeeded('a string')).toBeUndefined();
  });

  it('refuses the sign-in a plain-http server on another computer asks for with a 401, and only that', () => {
    const asked = new SdkHttpError(SdkErrorCode.ClientHttpNotImplemented, 'Error POSTing to endpoint: unauthorized', { status: 401, statusText: 'Unauthorized' });
    expect(plainHttpSignInRefused('http://mcp.example.invalid/mcp', asked)).toBe(
      'wants a sign-in, but its URL is plain http (http://mcp.example.invalid/mcp): a sign-in would send your tokens unencrypted; use its https URL',
    );
    expect(plainHttpSignInRefused('http://mcp.example.invalid/mcp', new UnauthorizedError())).toEqual(expect.any(String));
    expect(plainHttpSignInRefused('http://mcp.example.invalid/mcp', new SdkHttpError(SdkErrorCode.ClientHttpNotImplemented, 'Error POSTing to endpoint: gone', { status: 404, statusText: 'Not Found' }))).toBeUndefined();
    expect(plainHttpSignInRefused('http://127.0.0.1:3000/mcp', asked)).toBeUndefined();
    expect(plainHttpSignInRefused('https://mcp.example.invalid/mcp', asked)).toBeUndefined();
  });

  it('says how to sign in, naming the server', () => {
    expect(signInMessage('gh', 'never signed in')).toBe('`gh` needs you to sign in (never signed in): sign in from the tray, or run `mcp-toolkit servers login gh`');
  });
});
