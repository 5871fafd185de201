/**
 * The policy both server pools share: idle items of the current catalogue
 * generation, at most `maxIdle` of them; an item born before the catalogue
 * changed, or given back after the pool closed, is not kept. What an item is,
 * how it is built, and when it is fit to reuse are the pool's own business.
 */
export interface IdlePool<T> {
  /** The current generation: record it when building an item, pass it to `giveBack`. */
  readonly generation: number;
  /** An idle item, or undefined when none is. */
  take(): T | undefined;
  /** Keeps `item` for reuse if it was born in the current generation, the pool is open and has room; says whether it did. */
  giveBack(item: T, bornIn: number): boolean;
  /** The catalogue changed: a new generation; returns the idle items, no longer kept. */
  invalidate(): T[];
  /** Keeps nothing from now on; returns the idle items. */
  close(): T[];
  readonly idleCount: number;
}

export function createIdlePool<T>(maxIdle: number): IdlePool<T> {
  const idle: T[] = [];
  let generation = 0;
  let closed = false;
  return {
    get generation() {
      return generation;
    },
    take: () => idle.pop(),
    giveBack(item, bornIn) {
      if (closed || bornIn !== generation || idle.length >= maxIdle || idle.includes(item)) return false;
      idle.push(item);
      return true;
    },
    invalidate() {
      generation += 1;
      return idle.splice(0);
    },
    close() {
      closed = true;
      return idle.splice(0);
    },
    get idleCount() {
      return idle.length;
    },
  };
}
