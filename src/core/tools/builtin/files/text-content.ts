/**
 * Deciding whether bytes are text, and cutting text into lines. A file is
 * text when it is valid UTF-8 (ASCII included) without NUL bytes; UTF-16 and
 * other encodings count as binary.
 */

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** How many leading bytes {@link looksBinary} inspects. */
export const SNIFF_BYTES = 8192;

/** Quick check on a file's first bytes: a NUL byte means binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, SNIFF_BYTES).includes(0);
}

/** The text of `bytes` (a UTF-8 BOM removed), or undefined when they are not text. */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Lines of `text` split on LF or CRLF; a final line break does not add an empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
