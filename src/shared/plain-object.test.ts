import { describe, expect, it } from 'vitest';
import { isPlainObject } from './plain-object.js';

describe('isPlainObject', () => {
  it('accepts object literals, parsed JSON and null-prototype objects only', () => {
    expect([{}, { a: 1 }, JSON.parse('{"a":{}}'), Object.create(null), structuredClone({ a: 1 })].map(isPlainObject)).toEqual([true, true, true, true, true]);
    expect([null, undefined, [], 'x', 1, new Date(0), new Map(), new URL('https://x.example'), () => {}].map(isPlainObject)).toEqual(
      [false, false, false, false, false, false, false, false, false],
    );
  });
});
