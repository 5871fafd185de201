import { describe, expect, it } from 'vitest';
import { LineSplitter, OVERSIZED_HEAD_BYTES, type SplitLine } from './line-splitter.js';

function drain(splitter: LineSplitter): SplitLine[] {
  const out: SplitLine[] = [];
  for (let unit = splitter.next(); unit !== undefined; unit = splitter.next()) out.push(unit);
  return out;
}

describe('LineSplitter', () => {
  it('splits lines across chunks and drops a trailing \\r', () => {
    const splitter = new LineSplitter(100);
    splitter.push(Buffer.from('{"a":1}\r\n{"b"'));
    expect(drain(splitter)).toEqual([{ kind: 'line', text: '{"a":1}' }]);
    splitter.push(Buffer.from(':2}\n\n'));
    expect(drain(splitter)).toEqual([
      { kind: 'line', text: '{"b":2}' },
      { kind: 'line', text: '' },
    ]);
    expect(splitter.isEmpty).toBe(true);
  });

  it('hands out one line per call, so the rest of a chunk can wait', () => {
    const splitter = new LineSplitter(100);
    splitter.push(Buffer.from('1\n2\n3\n'));
    expect(splitter.next()).toEqual({ kind: 'line', text: '1' });
    expect(splitter.isEmpty).toBe(false);
    expect(drain(splitter).map((u) => (u.kind === 'line' ? u.text : ''))).toEqual(['2', '3']);
  });

  it('accepts a line of exactly the limit and reports a longer one by size and head, then goes on', () => {
    const splitter = new LineSplitter(10);
    splitter.push(Buffer.from('0123456789\n'));
    expect(drain(splitter)).toEqual([{ kind: 'line', text: '0123456789' }]);
    splitter.push(Buffer.from('{"id":7,'));
    splitter.push(Buffer.from('x'.repeat(5000)));
    splitter.push(Buffer.from('yy\nnext\n'));
    expect(drain(splitter)).toEqual([
      { kind: 'oversized', bytes: 8 + 5000 + 2, head: `{"id":7,${'x'.repeat(OVERSIZED_HEAD_BYTES - 8)}` },
      { kind: 'line', text: 'next' },
    ]);
  });

  it('holds at most the limit of a long line: the discarded bytes are only counted', () => {
    const splitter = new LineSplitter(1024);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    for (let i = 0; i < 64; i++) splitter.push(chunk);
    expect(drain(splitter)).toEqual([]);
    // Every pushed chunk was consumed (nothing retained beyond the kept head).
    expect((splitter as unknown as { pending: Buffer[] }).pending).toHaveLength(0);
    splitter.push(Buffer.from('\n'));
    expect(drain(splitter)).toEqual([{ kind: 'oversized', bytes: 64 * 64 * 1024, head: 'a'.repeat(OVERSIZED_HEAD_BYTES) }]);
  });

  it('gives the last line without a newline at the end of input', () => {
    const splitter = new LineSplitter(100);
    splitter.push(Buffer.from('a\nb'));
    expect(drain(splitter)).toEqual([{ kind: 'line', text: 'a' }]);
    expect(splitter.end()).toEqual({ kind: 'line', text: 'b' });
    expect(splitter.end()).toBeUndefined();
  });
});
