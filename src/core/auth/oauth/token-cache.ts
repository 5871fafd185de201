import { createHash } from 'node:crypto';

/** SHA-256 of a token, hex: the cache key, so raw tokens are never kept as keys. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Bounded LRU of verified tokens, keyed by their SHA-256. An entry is served
 * only until its own deadline (never past the token's `exp`); the least
 * recently used entry goes when the cache is full.
 */
export class TokenCache<T> {
  private readonly entries = new Map<string, { value: T; validUntilMs: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(digest: string): T | undefined {
    const entry = this.entries.get(digest);
    if (!entry) return undefined;
    this.entries.delete(digest);
    if (this.now() >= entry.validUntilMs) return undefined;
    this.entries.set(digest, entry);
    return entry.value;
  }

  set(digest: string, value: T, validUntilMs: number): void {
    if (this.maxEntries <= 0 || validUntilMs <= this.now()) return;
    this.entries.delete(digest);
    this.entries.set(digest, { value, validUntilMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
