import { describe, expect, it } from 'vitest';
import { loggable, rateLimitedLog } from './bounded-log.js';

describe('loggable', () => {
  it('escapes control characters, so client input cannot forge a log line', () => {
    expect(loggable('1.0\n[mcp] forged\r\u001b[2J')).toBe('1.0\\u000a[mcp] forged\\u000d\\u001b[2J');
  });

  it('cuts long text and says how long it was', () => {
    const text = loggable('x'.repeat(16_000));
    expect(text.length).toBeLessThan(240);
    expect(text).toContain('(16000 chars)');
  });

  it('leaves short plain text alone', () => {
    expect(loggable('Unsupported protocol version: 1999-01-01')).toBe('Unsupported protocol version: 1999-01-01');
  });
});

describe('rateLimitedLog', () => {
  it('writes a bounded number of lines per window and sums up the rest once the next window opens', () => {
    let time = 0;
    const lines: string[] = [];
    const log = rateLimitedLog((line) => lines.push(line), { linesPerWindow: 3, windowMs: 10_000, now: () => time });
    for (let i = 0; i < 10; i += 1) log(`line ${i}`);
    expect(lines).toEqual(['line 0', 'line 1', 'line 2']);
    time = 10_000;
    log('later');
    expect(lines).toEqual(['line 0', 'line 1', 'line 2', '[log] 7 similar line(s) suppressed in the last 10 s', 'later']);
  });
});
