import { describe, expect, it } from 'vitest';
import { callView } from '../testing/activity-fixtures.js';
import { filterCalls, filterChoices, mergeCalls, NO_FILTER } from './call-log.js';

const seqs = (calls: readonly { seq: number }[]) => calls.map((c) => c.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => callView(from + i));

describe('mergeCalls', () => {
  it('appends a batch of newer calls, and keeps the same list when nothing is new', () => {
    const kept = range(1, 3);
    expect(seqs(mergeCalls(kept, range(4, 6)))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(mergeCalls(kept, [])).toBe(kept);
    expect(mergeCalls(kept, range(2, 3))).toBe(kept);
  });

  it('merges an overlapping snapshot by number: each call once, in order', () => {
    const kept = [...range(5, 6), ...range(9, 10)]; // 7 and 8 were in a dropped batch
    expect(seqs(mergeCalls(kept, range(1, 10)))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('keeps only the newest `limit` calls', () => {
    expect(seqs(mergeCalls(range(1, 4), range(5, 9), 5))).toEqual([5, 6, 7, 8, 9]);
  });
});

describe('filterCalls', () => {
  const calls = [
    callView(1, { client: 'cursor', method: 'tools/call', tool: 'get_current_time', outcome: 'ok' }),
    callView(2, { client: 'claude', method: 'tools/call', tool: 'github__search', server: 'github', outcome: 'tool_error' }),
    callView(3, { client: 'ip:127.0.0.1', method: null, status: 401, reason: 'AUTH_INVALID_KEY' }),
    callView(4, { client: 'cursor', status: 429, reason: 'RATE_LIMITED' }),
    callView(5, { client: 'claude' }),
  ];

  it('shows every call newest first without a filter', () => {
    expect(seqs(filterCalls(calls, NO_FILTER))).toEqual([5, 4, 3, 2, 1]);
  });

  it('filters by client, tool and status, together', () => {
    expect(seqs(filterCalls(calls, { ...NO_FILTER, client: 'cursor' }))).toEqual([4, 1]);
    expect(seqs(filterCalls(calls, { ...NO_FILTER, tool: 'github__search' }))).toEqual([2]);
    expect(seqs(filterCalls(calls, { ...NO_FILTER, status: 'failed' }))).toEqual([4, 3, 2]); // a tool error is a failure
    expect(seqs(filterCalls(calls, { ...NO_FILTER, status: 'ok' }))).toEqual([5, 1]);
    expect(seqs(filterCalls(calls, { ...NO_FILTER, status: '401' }))).toEqual([3]);
    expect(seqs(filterCalls(calls, { client: 'claude', tool: '', status: 'failed' }))).toEqual([2]);
  });

  it('offers the clients and tools seen, sorted', () => {
    expect(filterChoices(calls)).toEqual({ clients: ['claude', 'cursor', 'ip:127.0.0.1'], tools: ['get_current_time', 'github__search'] });
  });
});
