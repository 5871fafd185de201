import { randomBytes } from 'node:crypto';

/** Bytes of randomness in the dashboard's URL token and session cookie (256 bits). */
export const DASHBOARD_SECRET_BYTES = 32;

/** A fresh random secret, base64url without padding (RFC 4648 §5): safe in a URL fragment and a cookie. */
export function createDashboardSecret(): string {
  return randomBytes(DASHBOARD_SECRET_BYTES).toString('base64url');
}
