import { describe, expect, it } from 'vitest';
import { newCallEntry } from './call-entry.js';
import { CallLog } from './call-log.js';

function call(status = 200) {
  const entry = newCallEntry('POST', '/mcp');
  entry.status = status;
  return entry;
}

describe('CallLog', () => {
  it('numbers calls from 1 and gives those after a number, oldest first', () => {
    const log = new CallLog(10);
    expect(log.lastSeq).toBe(0);
    expect(log.since(0)).toEqual({ after: 0, calls: [] });
    for (let i = 0; i < 4; i++) log.push(call());
    expect(log.lastSeq).toBe(4);
    expect(log.since(0).calls.map((c) => c.seq)).toEqual([1, 2, 3, 4]);
    expect(log.since(2).calls.map((c) => c.seq)).toEqual([3, 4]);
    expect(log.since(4).calls).toEqual([]);
    expect(log.since(99).calls).toEqual([]);
  });

  it('keeps only the newest `capacity` calls: 12 000 calls into 5 000 slots', () => {
    const log = new CallLog(5_000);
    for (let i = 0; i < 12_000; i++) log.push(call());
    expect(log.size).toBe(5_000);
    const all = log.since(0).calls;
    expect(all).toHaveLength(5_000);
    expect(all[0]!.seq).toBe(7_001);
    expect(all.at(-1)!.seq).toBe(12_000);
    // Asking for calls after one that was overwritten gives what is still kept, no more.
    expect(log.since(100).calls[0]!.seq).toBe(7_001);
    expect(log.since(11_998).calls.map((c) => c.seq)).toEqual([11_999, 12_000]);
  });

  it('clear() empties it but numbers go on, so a reader never takes old calls for new', () => {
    const log = new CallLog(3);
    log.push(call());
    log.push(call());
    log.clear();
    expect(log.since(0).calls).toEqual([]);
    log.push(call());
    expect(log.since(0).calls.map((c) => c.seq)).toEqual([3]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new CallLog(0)).toThrow(RangeError);
    expect(() => new CallLog(1.5)).toThrow(RangeError);
  });
});
