import { timingSafeEqual } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createKeyTable } from './key-table.js';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const keys = Array.from({ length: 1000 }, (_, i) => ({ name: `agent-${i}`, value: `value-${i}-0123456789abcdef` }));

describe('key table', () => {
  it('finds the name of any key, and nothing for a wrong, empty or prefix key', () => {
    const table = createKeyTable(keys);
    expect(table.match('value-0-0123456789abcdef')).toBe('agent-0');
    expect(table.match('value-999-0123456789abcdef')).toBe('agent-999');
    expect(table.match('value-999-0123456789abcde')).toBeUndefined();
    expect(table.match('')).toBeUndefined();
  });

  it('does one constant-time comparison of 32-byte digests per request, whatever the number of keys, hit or miss', () => {
    const spy = vi.mocked(timingSafeEqual);
    const small = createKeyTable(keys.slice(0, 1));
    const large = createKeyTable(keys);
    for (const table of [small, large]) {
      spy.mockClear();
      table.match('value-0-0123456789abcdef');
      table.match('not-a-key-at-all-0000000000');
      expect(spy).toHaveBeenCalledTimes(2);
      for (const [a, b] of spy.mock.calls) expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
    }
  });

  it('keeps digests only, and retains the names still listed', () => {
    const table = createKeyTable(keys.slice(0, 3));
    expect(JSON.stringify(table)).not.toContain('value-');
    const kept = table.retain(new Set(['agent-1']));
    expect(kept.names).toEqual(['agent-1']);
    expect(kept.match('value-0-0123456789abcdef')).toBeUndefined();
    expect(kept.match('value-1-0123456789abcdef')).toBe('agent-1');
    expect(table.match('value-0-0123456789abcdef')).toBe('agent-0');
  });
});
