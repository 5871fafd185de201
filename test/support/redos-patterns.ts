/**
 * Globs that make a backtracking regular expression take exponential time on
 * a long name that almost matches, as `search_files` once compiled its `name`
 * glob. None of them matches {@link REDOS_FILE_NAME}. Ordered from the
 * mildest: the first froze the old regex for about a second per long name,
 * the pattern (second) for minutes. Shared by the matcher's unit
 * test, the server test and `npm run stress`.
 */
export const REDOS_PATTERNS: readonly string[] = Object.freeze([
  '*?*?*?*?#',
  '*?*?*?*?*?*?*?*?*?*?*?#',
  '*a*a*a*a*a*a*a*a*b',
  '**a**a**a**a**a**a**a**b',
  '[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*#',
  `*${'?*'.repeat(100)}#`,
  `${'?'.repeat(200)}*${'?'.repeat(50)}#`,
  `src/**/${'**/'.repeat(30)}*a*a*a*a*b`,
]);

/** Length of the long file name the patterns are run against (most file systems allow 255 bytes). */
export const REDOS_NAME_LENGTH = 250;

/** A long name every pattern above nearly matches: `a` repeated. */
export const REDOS_FILE_NAME = 'a'.repeat(REDOS_NAME_LENGTH);
