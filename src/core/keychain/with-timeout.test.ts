import { describe, expect, it } from 'vitest';
import { TimeoutError, withTimeout } from './with-timeout.js';

describe('withTimeout', () => {
  it('passes a result through when it comes in time', async () => {
    await expect(withTimeout(Promise.resolve('answer'), 1_000)).resolves.toBe('answer');
  });

  it('passes a failure through unchanged', async () => {
    const failure = new Error('platform said no');
    await expect(withTimeout(Promise.reject(failure), 1_000)).rejects.toBe(failure);
  });

  it('gives up on a call that never answers', async () => {
    const started = Date.now();
    const never = new Promise<never>(() => {});
    await expect(withTimeout(never, 50)).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
