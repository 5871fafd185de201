/**
 * A glob matcher that never backtracks: the pattern is compiled to a small
 * automaton (one state per token) and the text is read once, keeping the set
 * of states still alive (Thompson's construction). A match costs at most
 * text length × pattern length steps, whatever the pattern, so a hostile glob
 * such as `*?*?*?*?*?#` cannot stall the process the way a backtracking
 * regular expression does. No regular expression is ever built from a glob.
 *
 * Syntax, ignoring case: `*` any run of characters except `/`, `**` any run
 * including `/`, `**` followed by `/` also matches nothing (so `src/** /x`
 * finds `src/x`), `?` one character except `/`, `[abc]`, `[a-z]`, `[!abc]`
 * and `[^abc]` character classes (a negated class also matches `/`); a `[`
 * without a closing `]` is literal. Characters are UTF-16 code units.
 */

/** A compiled glob: whether the whole of `text` matches. */
export type GlobMatcher = (text: string) => boolean;

const SLASH = 0x2f;

/**
 * One state of the automaton: `one` consumes exactly one character, `star`
 * any number of them, `optional` consumes nothing and either goes on or skips
 * the next two states (the `.*` and `/` of `**` + `/`).
 */
type Token =
  | { readonly kind: 'one'; readonly accepts: (code: number) => boolean }
  | { readonly kind: 'star'; readonly accepts: (code: number) => boolean }
  | { readonly kind: 'optional' };

/** Compiles `glob` (syntax above) to an anchored, case-insensitive matcher. */
export function compileGlob(glob: string): GlobMatcher {
  const tokens = tokenize(glob);
  return (text) => run(tokens, text);
}

function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i] as string;
    if (char === '*' && glob[i + 1] === '*') {
      const slashFollows = glob[i + 2] === '/';
      // `**/` is `(?:.*/)?`: any run ending in `/`, or nothing at all.
      if (slashFollows) tokens.push({ kind: 'optional' });
      tokens.push({ kind: 'star', accepts: anything });
      if (slashFollows) tokens.push({ kind: 'one', accepts: (code) => code === SLASH });
      i += slashFollows ? 2 : 1;
    } else if (char === '*') {
      tokens.push({ kind: 'star', accepts: notSlash });
    } else if (char === '?') {
      tokens.push({ kind: 'one', accepts: notSlash });
    } else if (char === '[' && glob.indexOf(']', i + 2) !== -1) {
      const end = glob.indexOf(']', i + 2);
      tokens.push({ kind: 'one', accepts: characterClass(glob.slice(i + 1, end)) });
      i = end;
    } else {
      const folded = fold(glob.charCodeAt(i));
      tokens.push({ kind: 'one', accepts: (code) => fold(code) === folded });
    }
  }
  return tokens;
}

/**
 * Runs the automaton: `alive[s]` says the first `s` tokens can match the text
 * read so far. Moves on no input (a star matching nothing, an optional part
 * skipped) only go forward, so one ascending pass closes a state set.
 */
function run(tokens: readonly Token[], text: string): boolean {
  const accept = tokens.length;
  let alive = new Uint8Array(accept + 1);
  let next = new Uint8Array(accept + 1);
  alive[0] = 1;
  close(tokens, alive);
  for (let position = 0; position < text.length; position += 1) {
    const code = text.charCodeAt(position);
    next.fill(0);
    let any = false;
    for (let state = 0; state < accept; state += 1) {
      if (alive[state] === 0) continue;
      const token = tokens[state] as Token;
      if (token.kind === 'optional' || !token.accepts(code)) continue;
      next[token.kind === 'star' ? state : state + 1] = 1;
      any = true;
    }
    if (!any) return false;
    close(tokens, next);
    [alive, next] = [next, alive];
  }
  return alive[accept] === 1;
}

function close(tokens: readonly Token[], states: Uint8Array): void {
  for (let state = 0; state < tokens.length; state += 1) {
    const token = tokens[state] as Token;
    if (states[state] === 0 || token.kind === 'one') continue;
    states[state + 1] = 1;
    if (token.kind === 'optional') states[state + 3] = 1;
  }
}

const anything = (): boolean => true;
const notSlash = (code: number): boolean => code !== SLASH;

/**
 * The body of `[...]`: members and `a-z` ranges, read left to right; a
 * leading `!` or `^` negates. Ignoring case, a character is in the class when
 * it, its upper- or its lower-case form is.
 */
function characterClass(body: string): (code: number) => boolean {
  const negated = body.startsWith('!') || body.startsWith('^');
  const members = negated ? body.slice(1) : body;
  const ranges: [number, number][] = [];
  for (let i = 0; i < members.length; i += 1) {
    const low = members.charCodeAt(i);
    if (members[i + 1] === '-' && i + 2 < members.length) {
      ranges.push([low, members.charCodeAt(i + 2)]);
      i += 2;
    } else {
      ranges.push([low, low]);
    }
  }
  const inRanges = (code: number) => ranges.some(([low, high]) => code >= low && code <= high);
  return (code) => negated !== (inRanges(code) || inRanges(fold(code)) || inRanges(lower(code)));
}

const foldCache = new Map<number, number>();

/**
 * The code unit compared when ignoring case: its upper-case form, as a
 * case-insensitive regular expression does (ECMAScript Canonicalize, non-Unicode
 * mode), kept as is when that form is not one code unit or would turn a
 * non-ASCII character into an ASCII one.
 */
export function fold(code: number): number {
  if (code < 0x80) return code >= 0x61 && code <= 0x7a ? code - 0x20 : code;
  let folded = foldCache.get(code);
  if (folded === undefined) {
    const upper = String.fromCharCode(code).toUpperCase();
    folded = upper.length === 1 && upper.charCodeAt(0) >= 0x80 ? upper.charCodeAt(0) : code;
    foldCache.set(code, folded);
  }
  return folded;
}

function lower(code: number): number {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
  const lowered = String.fromCharCode(code).toLowerCase();
  return lowered.length === 1 ? lowered.charCodeAt(0) : code;
}
