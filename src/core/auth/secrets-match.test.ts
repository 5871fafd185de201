import { describe, expect, it } from 'vitest';
import { secretsMatch } from './secrets-match.js';

describe('secretsMatch', () => {
  it('matches only the exact secret; absent or empty never matches', () => {
    const secret = 'k'.repeat(43);
    expect(secretsMatch(secret, secret)).toBe(true);
    expect(secretsMatch(`${secret}x`, secret)).toBe(false);
    expect(secretsMatch(secret.slice(0, -1), secret)).toBe(false);
    expect(secretsMatch(secret.toUpperCase(), secret)).toBe(false);
    expect(secretsMatch('', secret)).toBe(false);
    expect(secretsMatch(undefined, secret)).toBe(false);
    expect(secretsMatch(null, secret)).toBe(false);
  });
});
