import { describe, expect, it } from 'vitest';
import { findLineMatches, snippet } from './line-matches.js';

describe('findLineMatches', () => {
  it('finds the needle as plain text, ignoring case: regular-expression characters are literal', () => {
    const text = 'const a = b.*c;\nA+B (x)\nnothing here\r\nCONST A = B.*C;';

    expect(findLineMatches(text, 'b.*c', 5)).toEqual({ matches: [{ line: 1, text: 'const a = b.*c;' }, { line: 4, text: 'CONST A = B.*C;' }], total: 2 });
    expect(findLineMatches(text, 'a+b (x)', 5).total).toBe(1);
    expect(findLineMatches(text, '.*', 5).total).toBe(2);
    expect(findLineMatches(text, 'b.c', 5).total).toBe(0);
  });

  it('counts every matching line but keeps only the first few', () => {
    expect(findLineMatches('x\nx\nx\nx', 'X', 2)).toEqual({ matches: [{ line: 1, text: 'x' }, { line: 2, text: 'x' }], total: 4 });
  });

  it('scans a 1 MiB line for a near-miss needle of 1,000 characters at once', () => {
    const started = performance.now();
    const found = findLineMatches('a'.repeat(1024 * 1024), `${'a'.repeat(999)}b`, 5);

    expect(found.total).toBe(0);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('snippet', () => {
  it('keeps short lines whole and centres long ones on the match', () => {
    expect(snippet('   short line  ', 3, 5)).toBe('short line');
    const long = `${'a'.repeat(500)}NEEDLE${'b'.repeat(500)}`;
    const cut = snippet(long, 500, 6);
    expect(cut).toContain('NEEDLE');
    expect(cut.startsWith('…')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(202);
  });
});
