/**
 * The window's Content Security Policy (src/shared, the same as the
 * dashboard's). index.html carries it in a meta tag; the header adds
 * `frame-ancestors`, which a meta tag cannot express.
 */
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy.js';

/** Adds the CSP header to a response's headers (Electron's `onHeadersReceived` shape). */
export function withCspHeader(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  return { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}
