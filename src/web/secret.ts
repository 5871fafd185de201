import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bytes of randomness in the dashboard's URL token and session cookie (256 bits). */
export const DASHBOARD_SECRET_BYTES = 32;

/** A fresh random secret, base64url without padding (RFC 4648 §5): safe in a URL fragment and a cookie. */
export function createDashboardSecret(): string {
  return randomBytes(DASHBOARD_SECRET_BYTES).toString('base64url');
}

/**
 * Compares a presented secret with the expected one in constant time. Both
 * sides are hashed first, so neither the content nor the length of the
 * expected secret shows in the timing.
 */
export function secretsMatch(presented: string | undefined, expected: string): boolean {
  if (presented === undefined || presented === '') return false;
  return timingSafeEqual(sha256(presented), sha256(expected));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
