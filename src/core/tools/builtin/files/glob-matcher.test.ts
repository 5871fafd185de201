import { describe, expect, it } from 'vitest';
import { REDOS_FILE_NAME, REDOS_PATTERNS } from '../../../../../test/support/redos-patterns.js';
import { compileGlob } from './glob-matcher.js';

const matches = (glob: string, text: string) => compileGlob(glob)(text);

describe('compileGlob', () => {
  it.each([
    ['*.TS', 'app.ts', true],
    ['*.ts', 'app.tsx', false],
    ['*.ts', 'src/app.ts', false],
    ['*', '', true],
    ['?', '', false],
    ['file?.txt', 'file1.txt', true],
    ['file?.txt', 'file10.txt', false],
    ['a?b', 'a/b', false],
    ['[ab]*.md', 'beta.md', true],
    ['[ab]*.md', 'Beta.md', true],
    ['[!ab]*.md', 'beta.md', false],
    ['[^ab]*.md', 'gamma.md', true],
    ['[!a]', '/', true],
    ['[a-c]x', 'bx', true],
    ['[a-c]x', 'BX', true],
    ['[a-c]x', 'dx', false],
    ['[A-C]x', 'bx', true],
    ['[a-]', '-', true],
    ['[]]', ']', true],
    ['a+b(1).txt', 'a+b(1).txt', true],
    ['a.txt', 'abtxt', false],
    ['^$.*', '^$.md', true],
    ['[unclosed', '[unclosed', true],
    ['[unclosed', 'u', false],
    ['src/**/*.ts', 'src/app.ts', true],
    ['src/**/*.ts', 'src/lib/deep/app.ts', true],
    ['src/*.ts', 'src/lib/app.ts', false],
    ['**', 'a/b/c', true],
    ['**.md', 'docs/a/readme.md', true],
    ['**/x', 'x', true],
    ['**/x', 'a/x', true],
    ['**/x', 'ax', false],
    ['a***b', 'a/x/b', true],
    ['ÄRGER*', 'ärger.txt', true],
    ['straße', 'STRASSE', false],
    ['[b-a]x', 'ax', false],
    ['[b-a]x', '-x', false],
  ])('%j against %j is %s', (glob, text, expected) => {
    expect(matches(glob, text)).toBe(expected);
  });

  it('agrees with the regular expression it replaces on thousands of random small cases', () => {
    const random = seededRandom(7);
    const pieces = ['a', 'b', 'A', 'é', '/', '.', '*', '?', '**', '**/', '[ab]', '[!a]', '[^/]', '[a-b]', '[B-]', '[]a]', '[', ']', '-', '^'];
    const letters = ['a', 'b', 'B', 'É', '/', '.', '-', ']', '^'];
    let unparsable = 0;
    for (let round = 0; round < 5000; round += 1) {
      const glob = Array.from({ length: 1 + Math.floor(random() * 7) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const text = Array.from({ length: Math.floor(random() * 8) }, () => letters[Math.floor(random() * letters.length)]).join('');
      const reference = referenceRegExp(glob);
      if (reference) expect(matches(glob, text), `${glob} against ${text}`).toBe(reference.test(text));
      else unparsable += 1;
    }
    expect(unparsable).toBeLessThan(500);
  });

  it('answers the ReDoS patterns on a 250-character name at once, whatever their shape', () => {
    const started = performance.now();
    for (const pattern of REDOS_PATTERNS) {
      expect(matches(pattern, REDOS_FILE_NAME), pattern).toBe(false);
      expect(matches(pattern, `src/${'aa/'.repeat(40)}${REDOS_FILE_NAME}`), pattern).toBe(false);
      expect(matches(`${pattern.slice(0, -1)}*`, REDOS_FILE_NAME), pattern).toBe(!pattern.startsWith('src/'));
    }
    expect(matches(`${'*a'.repeat(100)}*`, REDOS_FILE_NAME)).toBe(true);
    expect(matches('?'.repeat(REDOS_FILE_NAME.length), REDOS_FILE_NAME)).toBe(true);
    expect(matches('?'.repeat(REDOS_FILE_NAME.length + 1), REDOS_FILE_NAME)).toBe(false);
    // The old regular expressions took from a second to minutes each; the automaton needs about a millisecond.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

/**
 * The regular expression `search_files` used to build from a glob (a
 * reference only: backtracking, kept to tiny inputs), or undefined where it
 * threw (a range out of order, such as `[b-a]`).
 */
function referenceRegExp(glob: string): RegExp | undefined {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i] as string;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const slashFollows = glob[i + 2] === '/';
        source += slashFollows ? '(?:.*/)?' : '.*';
        i += slashFollows ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[' && glob.indexOf(']', i + 2) !== -1) {
      const end = glob.indexOf(']', i + 2);
      const body = glob.slice(i + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      source += `[${negated ? '^' : ''}${(negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  try {
    return new RegExp(`^${source}$`, 'i');
  } catch {
    return undefined;
  }
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
