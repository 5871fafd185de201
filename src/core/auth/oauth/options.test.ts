import { describe, expect, it } from 'vitest';
import { createOAuthAuthenticator } from './authenticator.js';
import { OAuthConfigError, validateOAuthOptions, type OAuthAuthenticatorOptions } from './options.js';
import { OAUTH_CONFIG_INVALID } from './reasons.js';

const valid: OAuthAuthenticatorOptions = {
  issuer: 'https://auth.example.com',
  audience: 'http://127.0.0.1:8000/mcp',
  resourceMetadataUrl: 'http://127.0.0.1:8000/.well-known/oauth-protected-resource/mcp',
};

function configErrorOf(options: Partial<OAuthAuthenticatorOptions>): OAuthConfigError {
  try {
    createOAuthAuthenticator({ ...valid, ...options });
  } catch (error) {
    if (error instanceof OAuthConfigError) return error;
    throw error;
  }
  throw new Error('expected the options to be refused');
}

describe('oauth options', () => {
  it('applies documented defaults', () => {
    const validated = validateOAuthOptions(valid);
    expect(validated.resourceMetadataUrl()).toBe(valid.resourceMetadataUrl);
    expect({ ...validated, resourceMetadataUrl: undefined }).toEqual({
      issuer: valid.issuer,
      audience: valid.audience,
      requiredScopes: [],
      resourceMetadataUrl: undefined,
      clockToleranceSec: 30,
      jwksCooldownMs: 3_000,
      jwksMaxAgeMs: 600_000,
      jwksTimeoutMs: 5_000,
      tokenCacheSize: 1_000,
    });
  });

  it.each([
    [{ issuer: 'not a url' }, 'OAuth issuer "not a url" is not an absolute http(s) URL (MCP_OAUTH_ISSUER)'],
    [{ issuer: 'ftp://auth.example.com' }, 'is not an absolute http(s) URL'],
    [{ issuer: 'https://auth.example.com/?tenant=1' }, 'must not have a query or fragment'],
    [{ issuer: 'http://auth.example.com' }, 'plain http on a non-loopback host'],
    [{ audience: '' }, 'OAuth audience is missing'],
    [{ audience: undefined as unknown as string }, 'OAuth audience is missing'],
    [{ jwksUri: 'http://auth.example.com/jwks' }, 'must be https (plain http only on a loopback host)'],
    [{ jwksUri: '/jwks' }, 'is not an absolute URL (MCP_OAUTH_JWKS_URI)'],
    [{ requiredScopes: ['mcp tools'] }, 'is not a valid scope token'],
    [{ resourceMetadataUrl: 'nope' }, 'resource metadata URL'],
    [{ clockToleranceSec: -1 }, 'clockToleranceSec must be a number between 0 and 300'],
  ])('refuses %j with one clear line', (options, message) => {
    const error = configErrorOf(options);
    expect(error.code).toBe(OAUTH_CONFIG_INVALID);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('\n');
  });

  it('allows plain http issuers and key sets on loopback hosts only', () => {
    for (const host of ['127.0.0.1:9000', 'localhost:9000', '[::1]:9000']) {
      expect(() => createOAuthAuthenticator({ ...valid, issuer: `http://${host}` })).not.toThrow();
      expect(() => createOAuthAuthenticator({ ...valid, jwksUri: `http://${host}/jwks` })).not.toThrow();
    }
  });

  it('allows a plain http issuer when an https JWKS URI is configured, since nothing is discovered', () => {
    expect(() =>
      createOAuthAuthenticator({ ...valid, issuer: 'http://auth.internal', jwksUri: 'https://auth.internal/jwks' }),
    ).not.toThrow();
  });
});
