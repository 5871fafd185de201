import { createScanner } from 'jsonc-parser';

/** How a JSON file is laid out, so inserted text looks like the rest of it. */
export interface JsonLayout {
  /** One indentation level: a tab, or N spaces. */
  readonly unit: string;
  readonly eol: '\n' | '\r\n';
}

/**
 * The file's indentation and line ending: the first indented line decides tabs
 * against spaces, the smallest space indent the width (two spaces for a file
 * with no indented line, as the clients themselves write).
 */
export function detectLayout(text: string): JsonLayout {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = text
    .split('\n')
    .slice(0, 500)
    .map((line) => /^([ \t]+)\S/.exec(line)?.[1])
    .filter((indent): indent is string => indent !== undefined);
  if (indents[0]?.startsWith('\t')) return { unit: '\t', eol };
  const widths = indents.filter((indent) => !indent.includes('\t')).map((indent) => indent.length);
  return { unit: ' '.repeat(widths.length > 0 ? Math.min(...widths, 8) : 2), eol };
}

/** `value` as JSON indented with the file's unit, its later lines starting at `baseIndent`. */
export function formatValue(value: unknown, layout: JsonLayout, baseIndent: string): string {
  return JSON.stringify(value, null, layout.unit).replace(/\n/g, layout.eol + baseIndent);
}

/** The line containing `offset`: where it starts and its leading whitespace. */
export function lineAt(text: string, offset: number): { start: number; indent: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return { start, indent: /^[ \t]*/.exec(text.slice(start))?.[0] ?? '' };
}

/** The end of the line containing `offset`, before its line break. */
export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

const COMMA_TOKEN = 5;
const TRIVIA_TOKENS = new Set([12, 13, 14, 15]);

/** The offset just after the comma that follows `offset` (comments and whitespace between), if one does. */
export function commaAfter(text: string, offset: number): number | undefined {
  const scanner = createScanner(text, false);
  scanner.setPosition(offset);
  let token = scanner.scan();
  while (TRIVIA_TOKENS.has(token)) token = scanner.scan();
  return token === COMMA_TOKEN ? scanner.getTokenOffset() + scanner.getTokenLength() : undefined;
}

/** 1-based line and column of `offset`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Deep equality of JSON values, ignoring key order and prototypes (`jsonc-parser` builds null-prototype objects). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return a === b;
}
