import { describe, expect, it } from 'vitest';
import { createOAuthAuthenticator } from '../auth/oauth/index.js';
import { parseLoopbackRedirectUri } from '../login/redirect-uri.js';
import { checkJwksUri, checkLoopbackRedirectUri } from './values.js';

const OAUTH = {
  issuer: 'https://auth.example.com',
  audience: 'http://127.0.0.1:8000/mcp',
  resourceMetadataUrl: 'http://127.0.0.1:8000/.well-known/oauth-protected-resource/mcp',
};

function runtimeAccepts(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch {
    return false;
  }
}

describe('settings checks agree with the rules the server and login apply', () => {
  it.each([
    ['https://auth.example.com/jwks', true],
    ['http://127.0.0.1:4000/jwks', true],
    ['http://127.0.0.2/jwks', true],
    ['http://[::1]:9/jwks', true],
    ['http://app.localhost/jwks', false],
    ['http://auth.example.com/jwks', false],
  ])('JWKS URI %s: accepted %s by both', (jwksUri, accepted) => {
    expect(checkJwksUri(jwksUri) === undefined).toBe(accepted);
    expect(runtimeAccepts(() => createOAuthAuthenticator({ ...OAUTH, jwksUri }))).toBe(accepted);
  });

  it.each([
    ['http://127.0.0.1:8765/callback', true],
    ['http://localhost:0/cb', true],
    ['http://[::1]:0/cb', true],
    ['http://127.0.0.2:8765/callback', false],
    ['http://app.localhost:8765/callback', false],
    ['http://127.0.0.1:8765/callback?x=1', false],
    ['https://127.0.0.1:8765/callback', false],
  ])('redirect URI %s: accepted %s by both', (redirectUri, accepted) => {
    expect(checkLoopbackRedirectUri(redirectUri) === undefined).toBe(accepted);
    expect(runtimeAccepts(() => parseLoopbackRedirectUri(redirectUri))).toBe(accepted);
  });
});
