import { describe, expect, it } from 'vitest';
import { globToRegExp, nameMatcher } from './name-matcher.js';
import { snippet } from './line-matches.js';

describe('nameMatcher', () => {
  it('treats a pattern without glob characters as a case-insensitive substring of the name', () => {
    const matches = nameMatcher('Read');

    expect(matches('README.md', 'docs/README.md')).toBe(true);
    expect(matches('thread.ts', 'src/thread.ts')).toBe(true);
    expect(matches('index.ts', 'readers/index.ts')).toBe(false);
  });

  it('matches a pattern containing "/" against the relative path', () => {
    expect(nameMatcher('src/')('app.ts', 'src/app.ts')).toBe(true);
    expect(nameMatcher('src/*.ts')('app.ts', 'src/app.ts')).toBe(true);
    expect(nameMatcher('src/*.ts')('deep.ts', 'src/lib/deep.ts')).toBe(false);
    expect(nameMatcher('src/**/*.ts')('deep.ts', 'src/lib/deep.ts')).toBe(true);
    expect(nameMatcher('src/**/*.ts')('app.ts', 'src/app.ts')).toBe(true);
  });
});

describe('globToRegExp', () => {
  it('supports *, ?, character classes and negated classes, ignoring case', () => {
    expect(globToRegExp('*.TS').test('app.ts')).toBe(true);
    expect(globToRegExp('*.ts').test('app.tsx')).toBe(false);
    expect(globToRegExp('file?.txt').test('file1.txt')).toBe(true);
    expect(globToRegExp('file?.txt').test('file10.txt')).toBe(false);
    expect(globToRegExp('[ab]*.md').test('beta.md')).toBe(true);
    expect(globToRegExp('[!ab]*.md').test('beta.md')).toBe(false);
    expect(globToRegExp('[a-c]x').test('bx')).toBe(true);
  });

  it('takes regular-expression characters literally', () => {
    expect(globToRegExp('a+b(1).txt').test('a+b(1).txt')).toBe(true);
    expect(globToRegExp('a.txt').test('abtxt')).toBe(false);
    expect(globToRegExp('[unclosed').test('[unclosed')).toBe(true);
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
