/**
 * Response headers of the dashboard. The page loads only its own bundled
 * script and stylesheet (no inline script or style), talks only to its own
 * origin, and may not be framed.
 */
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy.js';

/** Sent with every response. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** The HTML page: CSP, isolation from other windows, no caching. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON_HEADERS,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), payment=()',
  'Cache-Control': 'no-store',
};

/** API answers (JSON results, the event stream): never cached. */
export const API_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON_HEADERS,
  'Cache-Control': 'no-store',
};

/** Bundled files: their names carry a content hash, so they never change. */
export const ASSET_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON_HEADERS,
  'Cache-Control': 'public, max-age=31536000, immutable',
};
