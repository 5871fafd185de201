import { describe, expect, it } from 'vitest';
import { TokenCache, tokenDigest } from './token-cache.js';

describe('TokenCache', () => {
  it('keys by SHA-256 of the token, never the token itself', () => {
    expect(tokenDigest('secret-token')).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenDigest('secret-token')).not.toContain('secret');
  });

  it('serves an entry only until its deadline', () => {
    let now = 1_000;
    const cache = new TokenCache<string>(10, () => now);
    cache.set('a', 'alice', 2_000);
    expect(cache.get('a')).toBe('alice');
    now = 2_000;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not store what is already past its deadline, or anything when disabled', () => {
    const cache = new TokenCache<string>(10, () => 5_000);
    cache.set('a', 'alice', 5_000);
    expect(cache.size).toBe(0);
    const disabled = new TokenCache<string>(0, () => 0);
    disabled.set('a', 'alice', 10);
    expect(disabled.get('a')).toBeUndefined();
  });

  it('evicts the least recently used entry when full', () => {
    const cache = new TokenCache<string>(2, () => 0);
    cache.set('a', 'A', 10);
    cache.set('b', 'B', 10);
    cache.get('a');
    cache.set('c', 'C', 10);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
  });
});
