import { LoginError } from './login-error.js';

/** Where `login` listens when no redirect URI is given (`MCP_OAUTH_REDIRECT_URI`, `--redirect-uri`). */
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:8765/callback';

export interface LoopbackRedirect {
  /** The redirect URI as given (port may be 0 = pick a free one). */
  readonly url: URL;
  /** Address the listener binds: the loopback interface only, never all interfaces. */
  readonly bindAddress: '127.0.0.1' | '::1';
  readonly port: number;
  /** Path the authorization server redirects to, e.g. `/callback`. */
  readonly pathname: string;
}

/**
 * Checks a redirect URI for a native app's loopback listener (RFC 8252 §7.3):
 * plain `http` to `127.0.0.1`, `[::1]` or `localhost`, with a port (0 lets the
 * OS choose one; the actual port then goes into the authorization request).
 * `localhost` is accepted but bound as 127.0.0.1, as RFC 8252 §8.3 advises.
 */
export function parseLoopbackRedirectUri(redirectUri: string): LoopbackRedirect {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    throw new LoginError('INVALID_OPTIONS', `The redirect URI "${redirectUri}" is not a URL.`);
  }
  if (url.protocol !== 'http:') {
    throw new LoginError('INVALID_OPTIONS', `The redirect URI must use http on a loopback address (RFC 8252 §7.3), got "${redirectUri}".`);
  }
  const host = url.hostname.toLowerCase();
  if (host !== '127.0.0.1' && host !== '[::1]' && host !== 'localhost') {
    throw new LoginError(
      'INVALID_OPTIONS',
      `The redirect URI must point at 127.0.0.1, [::1] or localhost (RFC 8252 §7.3), got "${redirectUri}".`,
    );
  }
  if (url.hash || url.search) {
    throw new LoginError('INVALID_OPTIONS', `The redirect URI must not have a query or fragment, got "${redirectUri}".`);
  }
  return {
    url,
    bindAddress: host === '[::1]' ? '::1' : '127.0.0.1',
    port: url.port === '' ? 80 : Number(url.port),
    pathname: url.pathname,
  };
}

/** The redirect URI with the port the listener actually got (differs only when 0 was asked). */
export function withPort(url: URL, port: number): string {
  const copy = new URL(url.href);
  copy.port = String(port);
  return copy.href;
}
