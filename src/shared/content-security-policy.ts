/**
 * The UI's Content Security Policy, the same for the desktop window and the
 * browser dashboard: only the app's own scripts, styles and images; no inline
 * script, no eval, no plugins, no framing, no form posts, no network besides
 * the app's own origin.
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
