import { describe, expect, it } from 'vitest';
import { needsRefresh } from './access-token.js';

describe('needsRefresh', () => {
  it('refreshes inside the margin, never for a token without a known expiry', () => {
    expect(needsRefresh({ expiresAt: 100_000 }, 0, 60_000)).toBe(false);
    expect(needsRefresh({ expiresAt: 100_000 }, 40_001, 60_000)).toBe(true);
    expect(needsRefresh({ expiresAt: undefined }, Number.MAX_SAFE_INTEGER, 60_000)).toBe(false);
  });
});
