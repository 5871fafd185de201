import { describe, expect, it } from 'vitest';
import { LruTable, type LruLinks } from './lru-table.js';

interface Entry extends LruLinks<Entry> {
  value: number;
}

const entry = (key: string, value = 0): Entry => ({ key, value, older: undefined, newer: undefined });

function keysOldestFirst(table: LruTable<Entry>): string[] {
  const keys: string[] = [];
  for (let e = table.oldest; e !== undefined; e = e.newer) keys.push(e.key);
  return keys;
}

describe('LruTable', () => {
  it('keeps entries in least recently used order; touch moves one to the new end', () => {
    const table = new LruTable<Entry>();
    for (const key of ['a', 'b', 'c']) table.add(entry(key));
    expect(keysOldestFirst(table)).toEqual(['a', 'b', 'c']);

    expect(table.touch('a')?.key).toBe('a');
    expect(keysOldestFirst(table)).toEqual(['b', 'c', 'a']);
    table.touch('a');
    expect(keysOldestFirst(table)).toEqual(['b', 'c', 'a']);
    expect(table.touch('missing')).toBeUndefined();
  });

  it('removes from the ends and the middle, keeping the links consistent', () => {
    const table = new LruTable<Entry>();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((k) => entry(k)) as [Entry, Entry, Entry, Entry];
    for (const e of [a, b, c, d]) table.add(e);

    table.remove(b);
    table.remove(a);
    table.remove(d);
    expect(keysOldestFirst(table)).toEqual(['c']);
    expect(table.size).toBe(1);
    expect(c).toMatchObject({ older: undefined, newer: undefined });

    table.remove(c);
    expect(table.oldest).toBeUndefined();
    table.add(entry('e'));
    expect(keysOldestFirst(table)).toEqual(['e']);
  });
});
