import { describe, expect, it } from 'vitest';
import { issuerKey, parseIssuerUrl } from './issuer-url.js';
import { parseLoopbackRedirectUri, withPort } from './redirect-uri.js';

describe('parseIssuerUrl: https, or http only on this machine', () => {
  it('accepts https anywhere and http on loopback hosts', () => {
    expect(parseIssuerUrl('https://id.example').allowInsecureHttp).toBe(false);
    for (const issuer of ['http://127.0.0.1:3000', 'http://localhost:8080/realms/x', 'http://[::1]:9000', 'http://127.0.0.2']) {
      expect(parseIssuerUrl(issuer).allowInsecureHttp).toBe(true);
    }
  });

  it('refuses http elsewhere, other schemes, queries and non-URLs', () => {
    expect(() => parseIssuerUrl('http://id.example')).toThrow(expect.objectContaining({ code: 'INSECURE_ISSUER' }));
    expect(() => parseIssuerUrl('http://127.0.0.1.example.com')).toThrow(expect.objectContaining({ code: 'INSECURE_ISSUER' }));
    // *.localhost may be resolved by DNS (see src/shared/loopback.ts): no plain http there.
    expect(() => parseIssuerUrl('http://auth.localhost')).toThrow(expect.objectContaining({ code: 'INSECURE_ISSUER' }));
    expect(() => parseIssuerUrl('ftp://id.example')).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    expect(() => parseIssuerUrl('https://id.example?x=1')).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    expect(() => parseIssuerUrl('id.example')).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });

  it('keys sessions by the issuer without a trailing slash', () => {
    expect(issuerKey('https://id.example/')).toBe('https://id.example');
    expect(issuerKey('https://id.example/realms/a/')).toBe('https://id.example/realms/a');
  });
});

describe('parseLoopbackRedirectUri (RFC 8252 §7.3)', () => {
  it('binds loopback only, localhost as 127.0.0.1', () => {
    expect(parseLoopbackRedirectUri('http://127.0.0.1:8765/callback')).toMatchObject({
      bindAddress: '127.0.0.1',
      port: 8765,
      pathname: '/callback',
    });
    expect(parseLoopbackRedirectUri('http://localhost:9000/cb')).toMatchObject({ bindAddress: '127.0.0.1', port: 9000 });
    expect(parseLoopbackRedirectUri('http://[::1]:0/cb')).toMatchObject({ bindAddress: '::1', port: 0 });
  });

  it('refuses https, remote hosts and queries', () => {
    for (const uri of ['https://127.0.0.1:8765/callback', 'http://192.168.1.2:8765/callback', 'http://127.0.0.1:1/cb?x=1', 'nope']) {
      expect(() => parseLoopbackRedirectUri(uri)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    }
  });

  it('puts the real port into the redirect URI', () => {
    expect(withPort(new URL('http://127.0.0.1:0/callback'), 40123)).toBe('http://127.0.0.1:40123/callback');
  });
});
