/**
 * Matches file names for `search_files`. A pattern with `*`, `?` or `[` is a
 * glob; anything else is a plain substring. Both ignore case. A pattern that
 * contains `/` is matched against the path relative to the searched folder
 * (with `/` separators), otherwise against the entry's name alone.
 *
 * Glob syntax: `*` any run of characters except `/`, `**` any run including
 * `/` (`**` followed by `/` also matches nothing, so `src/** /x` finds `src/x`),
 * `?` one character except `/`, `[abc]`, `[a-z]`, `[!abc]` character classes.
 */
export type NameMatcher = (name: string, relativePath: string) => boolean;

const GLOB_CHARACTERS = /[*?[]/;

export function nameMatcher(pattern: string): NameMatcher {
  const byPath = pattern.includes('/');
  if (!GLOB_CHARACTERS.test(pattern)) {
    const needle = pattern.toLowerCase();
    return (name, relativePath) => (byPath ? relativePath : name).toLowerCase().includes(needle);
  }
  const regex = globToRegExp(pattern);
  return (name, relativePath) => regex.test(byPath ? relativePath : name);
}

/** Translates a glob (syntax above) to an anchored, case-insensitive regular expression. */
export function globToRegExp(glob: string): RegExp {
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
    } else if (char === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) {
        source += '\\[';
      } else {
        const body = glob.slice(i + 1, end);
        const negated = body.startsWith('!') || body.startsWith('^');
        const members = (negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&');
        source += `[${negated ? '^' : ''}${members}]`;
        i = end;
      }
    } else {
      source += char.replace(/[.+^${}()|\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'i');
}
