import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented secret (an API key, the dashboard's token) with the
 * expected one in constant time. Both sides are reduced to SHA-256 digests
 * first, so `timingSafeEqual` always compares 32 bytes: neither the content
 * nor the length of the expected secret shows in the timing. An absent or
 * empty presented secret never matches.
 */
export function secretsMatch(presented: string | null | undefined, expected: string): boolean {
  if (presented === undefined || presented === null || presented === '') return false;
  return timingSafeEqual(sha256(presented), sha256(expected));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
