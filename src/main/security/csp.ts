/**
 * The window's Content Security Policy: only the app's own scripts, styles
 * and images; no inline script, no eval, no plugins, no framing, no form
 * posts, no network besides the app itself (the backend is reached over IPC).
 * index.html carries the same policy in a meta tag; the header adds
 * `frame-ancestors`, which a meta tag cannot express.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Adds the CSP header to a response's headers (Electron's `onHeadersReceived` shape). */
export function withCspHeader(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  return { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}
