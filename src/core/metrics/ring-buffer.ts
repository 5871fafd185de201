/** A fixed-capacity buffer that overwrites its oldest item: O(1) push, bounded memory. */
export class RingBuffer<T> {
  readonly #items: (T | undefined)[];
  #next = 0;
  #size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`ring buffer capacity must be an integer ≥ 1, got ${String(capacity)}`);
    }
    this.#items = new Array<T | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.#size;
  }

  push(item: T): void {
    this.#items[this.#next] = item;
    this.#next = (this.#next + 1) % this.capacity;
    this.#size = Math.min(this.#size + 1, this.capacity);
  }

  /** The items, newest first. */
  newestFirst(): T[] {
    const result: T[] = [];
    for (let i = 1; i <= this.#size; i++) {
      result.push(this.#items[(this.#next - i + this.capacity) % this.capacity] as T);
    }
    return result;
  }

  clear(): void {
    this.#items.fill(undefined);
    this.#next = 0;
    this.#size = 0;
  }
}
