/** A line of a file that contains the searched text. */
export interface LineMatch {
  /** 1-based line number. */
  readonly line: number;
  /** The line, trimmed, shortened around the match when long. */
  readonly text: string;
}

const SNIPPET_CHARS = 200;

/**
 * The first `limit` lines of `text` containing `needle`, ignoring case, and
 * how many lines contain it in all.
 */
export function findLineMatches(text: string, needle: string, limit: number): { matches: LineMatch[]; total: number } {
  const wanted = needle.toLowerCase();
  const matches: LineMatch[] = [];
  let total = 0;
  let lineNumber = 0;
  for (const line of text.split(/\r?\n/)) {
    lineNumber += 1;
    const index = line.toLowerCase().indexOf(wanted);
    if (index === -1) continue;
    total += 1;
    if (matches.length < limit) matches.push({ line: lineNumber, text: snippet(line, index, wanted.length) });
  }
  return { matches, total };
}

/** The line trimmed; when longer than {@link SNIPPET_CHARS}, a window around the match marked with `…`. */
export function snippet(line: string, index: number, length: number): string {
  if (line.trim().length <= SNIPPET_CHARS) return line.trim();
  const start = Math.max(0, Math.min(index - Math.floor((SNIPPET_CHARS - length) / 2), line.length - SNIPPET_CHARS));
  const end = start + SNIPPET_CHARS;
  return `${start > 0 ? '…' : ''}${line.slice(start, end).trim()}${end < line.length ? '…' : ''}`;
}
