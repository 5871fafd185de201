/** What the splitter hands out: a complete line, or the size and start of a line too long to keep. */
export type SplitLine =
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'oversized'; readonly bytes: number; readonly head: string };

/** How many bytes of a too-long line are kept, to recover its JSON-RPC `id`. */
export const OVERSIZED_HEAD_BYTES = 1024;

/**
 * Splits a byte stream into newline-delimited lines (a trailing `\r` is
 * dropped) without ever holding more than `maxLineBytes` of one line: past
 * the limit, the line's first bytes are kept and the rest is discarded while
 * counting, up to its newline. Chunks are split lazily, one line per
 * `next()`, so a caller can stop taking lines (back-pressure) and resume.
 */
export class LineSplitter {
  private readonly pending: Buffer[] = [];
  private offset = 0;
  private parts: Buffer[] = [];
  private partBytes = 0;
  private discarding: { bytes: number; head: Buffer } | undefined;

  constructor(readonly maxLineBytes: number) {}

  push(chunk: Buffer): void {
    if (chunk.length > 0) this.pending.push(chunk);
  }

  /** True when every pushed byte has been handed out (nothing pending, no partial line). */
  get isEmpty(): boolean {
    return this.pending.length === 0 && this.partBytes === 0 && this.discarding === undefined;
  }

  /** The next complete line, or undefined until more input arrives. */
  next(): SplitLine | undefined {
    while (this.pending.length > 0) {
      const chunk = this.pending[0]!;
      const newline = chunk.indexOf(0x0a, this.offset);
      this.take(chunk.subarray(this.offset, newline === -1 ? chunk.length : newline));
      this.offset = newline === -1 ? chunk.length : newline + 1;
      if (this.offset >= chunk.length) {
        this.pending.shift();
        this.offset = 0;
      }
      if (newline !== -1) return this.finishLine();
    }
    return undefined;
  }

  /** At end of input: the last line when it had no newline (call after `next()` returned undefined). */
  end(): SplitLine | undefined {
    return this.partBytes === 0 && this.discarding === undefined ? undefined : this.finishLine();
  }

  private take(part: Buffer): void {
    if (this.discarding !== undefined) {
      this.discarding.bytes += part.length;
    } else if (this.partBytes + part.length > this.maxLineBytes) {
      this.discarding = { bytes: this.partBytes + part.length, head: headOf([...this.parts, part], OVERSIZED_HEAD_BYTES) };
      this.parts = [];
      this.partBytes = 0;
    } else if (part.length > 0) {
      this.parts.push(part);
      this.partBytes += part.length;
    }
  }

  private finishLine(): SplitLine {
    const dropped = this.discarding;
    const parts = this.parts;
    this.discarding = undefined;
    this.parts = [];
    this.partBytes = 0;
    if (dropped !== undefined) return { kind: 'oversized', bytes: dropped.bytes, head: dropped.head.toString('utf8') };
    const text = Buffer.concat(parts).toString('utf8');
    return { kind: 'line', text: text.endsWith('\r') ? text.slice(0, -1) : text };
  }
}

/** A copy of the first `limit` bytes of `parts`, so the big buffers can be released. */
function headOf(parts: readonly Buffer[], limit: number): Buffer {
  const head: Buffer[] = [];
  let size = 0;
  for (const part of parts) {
    if (size >= limit) break;
    const slice = part.subarray(0, limit - size);
    head.push(slice);
    size += slice.length;
  }
  return Buffer.from(Buffer.concat(head));
}
