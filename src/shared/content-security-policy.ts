/**
 * The UI's Content Security Policy, the same for the desktop window and the
 * browser dashboard: only the app's own scripts, styles and images; no inline
 * script, no eval, no plugins, no framing, no form posts, no network besides
 * the app's own origin. Written once here: the dashboard and the desktop
 * window send it as a header, and the build puts it in each page's `<meta>`
 * tag (electron.vite.config.ts), which covers pages loaded from files.
 */
const DIRECTIVES = [
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
] as const;

/** The policy as a response header carries it. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The policy as a `<meta>` tag carries it: without `frame-ancestors`, which a meta tag cannot express (CSP Level 3 §6.4.2). */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.filter((directive) => !directive.startsWith('frame-ancestors')).join('; ');
