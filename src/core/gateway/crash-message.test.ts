import { describe, expect, it } from 'vitest';
import { crashMessage, errorText, exitReason, times } from './crash-message.js';

describe('crash messages', () => {
  it('counts in words', () => {
    expect([1, 2, 3, 5, 10, 11].map(times)).toEqual(['once', 'twice', 'three times', 'five times', 'ten times', '11 times']);
  });

  it('says how a process ended', () => {
    expect(exitReason({ code: 1, signal: null })).toBe('exited with code 1');
    expect(exitReason({ code: null, signal: 'SIGKILL' })).toBe('was killed by SIGKILL');
  });

  it('gives the reason and the error output of a crash that will be retried', () => {
    expect(crashMessage({ reasons: ['exited with code 1'], errorOutput: ['a', 'b', 'c', 'Error: missing TOKEN'] })).toBe(
      'exited with code 1; last error output: b | c | Error: missing TOKEN',
    );
    expect(crashMessage({ reasons: ['exited with code 1'], errorOutput: [] })).toBe('exited with code 1');
  });

  it('counts the crashes of an upstream that stays crashed', () => {
    expect(crashMessage({ reasons: ['exited with code 1', 'exited with code 1', 'exited with code 1'], gaveUpWindowMs: 60_000, errorOutput: ['boom'] })).toBe(
      'exited with code 1 three times in 60 s; last error output: boom',
    );
    expect(crashMessage({ reasons: ['exited with code 1', 'was killed by SIGKILL'], gaveUpWindowMs: 60_000, errorOutput: [] })).toBe(
      'crashed twice in 60 s (last: was killed by SIGKILL)',
    );
  });

  it('keeps the quoted output bounded', () => {
    const message = crashMessage({ reasons: ['exited with code 1'], errorOutput: ['x'.repeat(5_000)] });
    expect(message.length).toBeLessThan(700);
  });

  it('never shows a URL query (it may carry a token) and names the network error', () => {
    const error = new Error('fetch failed for http://127.0.0.1:9/mcp?token=s3cret', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
    expect(errorText(error)).toBe('fetch failed for http://127.0.0.1:9/mcp (ECONNREFUSED)');
  });
});
