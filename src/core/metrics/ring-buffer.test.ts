import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.js';

describe('RingBuffer', () => {
  it('keeps the newest `capacity` items, newest first', () => {
    const ring = new RingBuffer<number>(3);
    expect(ring.newestFirst()).toEqual([]);
    ring.push(1);
    ring.push(2);
    expect(ring.newestFirst()).toEqual([2, 1]);
    for (let i = 3; i <= 10; i++) ring.push(i);
    expect(ring.newestFirst()).toEqual([10, 9, 8]);
    expect(ring.size).toBe(3);
  });

  it('clear() empties it and it fills again from scratch', () => {
    const ring = new RingBuffer<string>(2);
    ring.push('a');
    ring.push('b');
    ring.push('c');
    ring.clear();
    expect(ring.newestFirst()).toEqual([]);
    ring.push('d');
    expect(ring.newestFirst()).toEqual(['d']);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses capacity %s', (capacity) => {
    expect(() => new RingBuffer(capacity)).toThrow(RangeError);
  });
});
