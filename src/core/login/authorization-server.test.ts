import { describe, expect, it } from 'vitest';
import { assertSupportsS256 } from './authorization-server.js';

describe('assertSupportsS256 (RFC 7636 §4.2)', () => {
  it('accepts S256 among others and refuses plain-only or an absent list', () => {
    expect(() => assertSupportsS256({ issuer: 'https://a', code_challenge_methods_supported: ['plain', 'S256'] })).not.toThrow();
    expect(() => assertSupportsS256({ issuer: 'https://a', code_challenge_methods_supported: ['plain'] })).toThrow(/offers: plain/);
    expect(() => assertSupportsS256({ issuer: 'https://a' })).toThrow(/does not advertise PKCE/);
  });
});
