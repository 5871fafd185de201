/** Options of `createRateLimiter`. */
export interface RateLimitOptions {
  /** Sustained rate per client: tokens added per second. Finite and > 0 (0.5 = one request every 2 s). */
  readonly rps: number;
  /** Bucket capacity: requests a client may send at once after being idle. Integer ≥ 1. */
  readonly burst: number;
  /** Most clients tracked at once (memory bound). Integer ≥ 1; default 10 000. */
  readonly maxClients?: number;
  /** Monotonic clock in milliseconds; default `performance.now`. Injected by tests. */
  readonly now?: () => number;
}

/** Options after validation, with defaults filled in. */
export interface ValidRateLimitOptions {
  readonly rps: number;
  readonly burst: number;
  readonly maxClients: number;
  readonly now: () => number;
}

export const DEFAULT_MAX_CLIENTS = 10_000;

/** Thrown by `createRateLimiter` for options it cannot honour. */
export class RateLimitOptionsError extends Error {
  override readonly name = 'RateLimitOptionsError';
  readonly code = 'RATE_LIMIT_INVALID_OPTIONS';
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

/** Checks the options once, when the limiter is built, and fills in defaults. */
export function validateRateLimitOptions(options: RateLimitOptions): ValidRateLimitOptions {
  const { rps, burst, maxClients = DEFAULT_MAX_CLIENTS, now = () => performance.now() } = options;
  if (typeof rps !== 'number' || !Number.isFinite(rps) || rps <= 0) {
    throw new RateLimitOptionsError(`rate limit rps must be a finite number > 0, got ${String(rps)}`);
  }
  if (!isPositiveInteger(burst)) {
    throw new RateLimitOptionsError(`rate limit burst must be an integer ≥ 1, got ${String(burst)}`);
  }
  if (!isPositiveInteger(maxClients)) {
    throw new RateLimitOptionsError(`rate limit maxClients must be an integer ≥ 1, got ${String(maxClients)}`);
  }
  if (typeof now !== 'function') {
    throw new RateLimitOptionsError('rate limit clock `now` must be a function returning milliseconds');
  }
  return { rps, burst, maxClients, now };
}
