import { describe, expect, it } from 'vitest';
import { maskSecret } from './mask.js';

describe('maskSecret', () => {
  it('keeps only the last four characters of a real key', () => {
    expect(maskSecret('Zq3v9K2mR8xYp1LwT6nB4cHs0dJfGaEu7iOkXyVbNrM')).toBe('••••••••bNrM');
  });
  it('hides short secrets entirely', () => {
    expect(maskSecret('short')).toBe('••••••••');
  });
});
