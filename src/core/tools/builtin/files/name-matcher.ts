import { ToolFailure } from '../../tool-result.js';
import { compileGlob } from './glob-matcher.js';

/**
 * Matches file names for `search_files`. A pattern with `*`, `?` or `[` is a
 * glob (see {@link compileGlob}: linear time, never a regular expression);
 * anything else is a plain substring. Both ignore case. A pattern that
 * contains `/` is matched against the path relative to the searched folder
 * (with `/` separators), otherwise against the entry's name alone.
 */
export type NameMatcher = (name: string, relativePath: string) => boolean;

export const NAME_PATTERN_TOO_LONG_CODE = 'FILES_NAME_PATTERN_TOO_LONG';

/** Longest `name` pattern accepted; a matcher's work grows with pattern length × name length. */
export const MAX_NAME_PATTERN_CHARS = 256;

const GLOB_CHARACTERS = /[*?[]/;

/** @throws ToolFailure ({@link NAME_PATTERN_TOO_LONG_CODE}) when `pattern` is longer than {@link MAX_NAME_PATTERN_CHARS}. */
export function nameMatcher(pattern: string): NameMatcher {
  if (pattern.length > MAX_NAME_PATTERN_CHARS) throw new ToolFailure(NAME_PATTERN_TOO_LONG_CODE, namePatternTooLongMessage(pattern.length));
  const byPath = pattern.includes('/');
  if (!GLOB_CHARACTERS.test(pattern)) {
    const needle = pattern.toLowerCase();
    return (name, relativePath) => (byPath ? relativePath : name).toLowerCase().includes(needle);
  }
  const matches = compileGlob(pattern);
  return (name, relativePath) => matches(byPath ? relativePath : name);
}

export function namePatternTooLongMessage(length: number): string {
  return `"name" is ${length} characters long; patterns are limited to ${MAX_NAME_PATTERN_CHARS} characters.`;
}
