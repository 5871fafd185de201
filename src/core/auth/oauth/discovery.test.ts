import { describe, expect, it } from 'vitest';
import { discoveryUrls } from './discovery.js';

describe('discoveryUrls', () => {
  it('tries OIDC discovery, then RFC 8414 for an issuer at the root', () => {
    expect(discoveryUrls('https://as.example').map(String)).toEqual([
      'https://as.example/.well-known/openid-configuration',
      'https://as.example/.well-known/oauth-authorization-server',
    ]);
  });

  it('inserts the well-known segment before the path of an issuer with a path (RFC 8414 §3.1)', () => {
    expect(discoveryUrls('https://as.example/tenant/1').map(String)).toEqual([
      'https://as.example/tenant/1/.well-known/openid-configuration',
      'https://as.example/.well-known/oauth-authorization-server/tenant/1',
      'https://as.example/.well-known/openid-configuration/tenant/1',
    ]);
  });
});
