import { describe, expect, it } from 'vitest';
import { REDOS_FILE_NAME, REDOS_PATTERNS } from '../../../../../test/support/redos-patterns.js';
import { ToolFailure } from '../../tool-result.js';
import { MAX_NAME_PATTERN_CHARS, NAME_PATTERN_TOO_LONG_CODE, nameMatcher } from './name-matcher.js';

describe('nameMatcher', () => {
  it('treats a pattern without glob characters as a case-insensitive substring of the name', () => {
    const matches = nameMatcher('Read');

    expect(matches('README.md', 'docs/README.md')).toBe(true);
    expect(matches('thread.ts', 'src/thread.ts')).toBe(true);
    expect(matches('index.ts', 'readers/index.ts')).toBe(false);
  });

  it('matches a glob against the name, ignoring case', () => {
    expect(nameMatcher('*.TS')('app.ts', 'src/app.ts')).toBe(true);
    expect(nameMatcher('[!ab]*.md')('beta.md', 'beta.md')).toBe(false);
  });

  it('matches a pattern containing "/" against the relative path', () => {
    expect(nameMatcher('src/')('app.ts', 'src/app.ts')).toBe(true);
    expect(nameMatcher('src/*.ts')('app.ts', 'src/app.ts')).toBe(true);
    expect(nameMatcher('src/*.ts')('deep.ts', 'src/lib/deep.ts')).toBe(false);
    expect(nameMatcher('src/**/*.ts')('deep.ts', 'src/lib/deep.ts')).toBe(true);
    expect(nameMatcher('src/**/*.ts')('app.ts', 'src/app.ts')).toBe(true);
  });

  it('rejects every ReDoS pattern on a long name and path at once', () => {
    const started = performance.now();
    for (const pattern of REDOS_PATTERNS) {
      expect(nameMatcher(pattern)(REDOS_FILE_NAME, `src/${'a/'.repeat(100)}${REDOS_FILE_NAME}`), pattern).toBe(false);
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it(`refuses a pattern over ${MAX_NAME_PATTERN_CHARS} characters with a tool error`, () => {
    expect(() => nameMatcher('*'.repeat(MAX_NAME_PATTERN_CHARS))).not.toThrow();
    const tooLong = () => nameMatcher('*?'.repeat(MAX_NAME_PATTERN_CHARS));
    expect(tooLong).toThrow(ToolFailure);
    expect(tooLong).toThrow(expect.objectContaining({ code: NAME_PATTERN_TOO_LONG_CODE, message: expect.stringContaining('limited to 256 characters') }));
  });
});
