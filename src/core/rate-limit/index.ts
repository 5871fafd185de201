export { clientKeyFor, failedAttemptKey, maskedLabel, type ClientKeyKind } from './client-key.js';
export { DEFAULT_MAX_CLIENTS, RateLimitOptionsError, type RateLimitOptions } from './options.js';
export {
  createRateLimiter,
  rateLimitedError,
  type RateLimitDecision,
  type RateLimiter,
} from './rate-limiter.js';
