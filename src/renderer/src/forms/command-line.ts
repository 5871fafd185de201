/**
 * Splits the command line typed in the add form into the command and its
 * arguments, like a POSIX shell does for plain words (no variables, globs or
 * operators; the toolkit never runs a shell):
 *
 * - Spaces and tabs separate words.
 * - `'…'` keeps everything inside literally (spaces, `"`, `\`).
 * - `"…"` keeps spaces; inside, `\"` is a `"` and `\\` is a `\`.
 * - Outside quotes, `\` before a space, a quote or another `\` keeps that
 *   character; any other `\` is literal, so Windows paths (`C:\tools\x.exe`)
 *   need no doubling.
 * - Quoted and plain parts join into one word: `--name="a b"` is `--name=a b`;
 *   `""` is an empty argument.
 * - An unclosed quote is an error.
 */
export type CommandLine = { readonly ok: true; readonly command: string; readonly args: string[] } | { readonly ok: false; readonly error: string };

const ESCAPABLE_PLAIN = new Set([' ', '\t', '"', "'", '\\']);
const ESCAPABLE_DOUBLE = new Set(['"', '\\']);

export function splitCommandLine(line: string): CommandLine {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    const next = line[i + 1];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
    } else if (quote === '"') {
      if (char === '\\' && next !== undefined && ESCAPABLE_DOUBLE.has(next)) word += line[++i];
      else if (char === '"') quote = undefined;
      else word += char;
    } else if (char === ' ' || char === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (char === '"' || char === "'") quote = char;
      else if (char === '\\' && next !== undefined && ESCAPABLE_PLAIN.has(next)) word += line[++i];
      else word += char;
    }
  }
  if (quote) return { ok: false, error: `a ${quote === '"' ? 'double' : 'single'} quote is not closed` };
  if (inWord) words.push(word);
  const [command, ...args] = words;
  if (command === undefined || command === '') return { ok: false, error: 'type the command that starts the server' };
  return { ok: true, command, args };
}
