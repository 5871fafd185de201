/**
 * Token bucket arithmetic (the classic algorithm, e.g. RFC 2697/2698 token
 * buckets, refilled continuously): a bucket holds up to `capacity` tokens and
 * gains `tokensPerSecond` tokens per second; each request spends one token.
 *
 * Refill is computed lazily from the elapsed time when a bucket is touched, so
 * there are no timers and every operation is O(1).
 */

/** Mutable state of one client's bucket: two numbers, no timers. */
export interface Bucket {
  /** Tokens as of `updatedAt` (fractional; 0 ≤ tokens ≤ capacity). */
  tokens: number;
  /** Clock reading (ms) when `tokens` was last computed. */
  updatedAt: number;
}

/** The parameters every bucket of one limiter shares. */
export interface BucketShape {
  /** Maximum tokens a bucket holds (the burst). */
  readonly capacity: number;
  /** Refill rate in tokens per second (the rps). */
  readonly tokensPerSecond: number;
}

/** The result of spending one token. */
export type TakeResult =
  | { readonly ok: true; readonly remaining: number }
  | { readonly ok: false; readonly retryAfterSeconds: number };

/**
 * Tolerance for floating-point drift: 0.1 + 0.2 style rounding must not turn
 * an exactly refilled token into a spurious rejection.
 */
const EPSILON = 1e-9;

/** A bucket that starts full at `now`: what a client never seen before gets. */
export function fullBucket(shape: BucketShape, now: number): Bucket {
  return { tokens: shape.capacity, updatedAt: now };
}

/** Tokens the bucket holds at `now` (a clock going backwards adds nothing). */
export function tokensAt(bucket: Bucket, shape: BucketShape, now: number): number {
  const elapsed = Math.max(0, now - bucket.updatedAt);
  return Math.min(shape.capacity, bucket.tokens + (elapsed * shape.tokensPerSecond) / 1000);
}

/**
 * True when the bucket is full at `now`. A full bucket behaves exactly like a
 * new one, so forgetting it loses nothing.
 */
export function isFullAt(bucket: Bucket, shape: BucketShape, now: number): boolean {
  return tokensAt(bucket, shape, now) >= shape.capacity - EPSILON;
}

/**
 * Whole seconds until the bucket holds one token again, rounded up and at least
 * 1: the value for `Retry-After` (RFC 9110 §10.2.3 allows only whole seconds).
 */
export function retryAfterSeconds(tokens: number, shape: BucketShape): number {
  const secondsUntilOneToken = (1 - tokens) / shape.tokensPerSecond;
  return Math.max(1, Math.ceil(secondsUntilOneToken - EPSILON));
}

/** Refills the bucket up to `now` and spends one token if it has one. */
export function takeToken(bucket: Bucket, shape: BucketShape, now: number): TakeResult {
  const tokens = tokensAt(bucket, shape, now);
  bucket.updatedAt = Math.max(now, bucket.updatedAt);
  if (tokens >= 1 - EPSILON) {
    bucket.tokens = Math.max(0, tokens - 1);
    return { ok: true, remaining: Math.floor(bucket.tokens + EPSILON) };
  }
  bucket.tokens = tokens;
  return { ok: false, retryAfterSeconds: retryAfterSeconds(tokens, shape) };
}
