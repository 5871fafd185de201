import { loopbackRedirectBindAddress } from '../../shared/loopback.js';
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
 * The rule is `loopbackRedirectBindAddress` (src/shared/loopback.ts), the same
 * one the settings apply.
 */
export function parseLoopbackRedirectUri(redirectUri: string): LoopbackRedirect {
  if (!URL.canParse(redirectUri)) throw new LoginError('INVALID_OPTIONS', `The redirect URI "${redirectUri}" is not a URL.`);
  const url = new URL(redirectUri);
  const bindAddress = loopbackRedirectBindAddress(url);
  if (bindAddress === undefined) {
    throw new LoginError(
      'INVALID_OPTIONS',
      `The redirect URI must be plain http to 127.0.0.1, [::1] or localhost, without a query or fragment (RFC 8252 §7.3), got "${redirectUri}".`,
    );
  }
  return { url, bindAddress, port: url.port === '' ? 80 : Number(url.port), pathname: url.pathname };
}

/** The redirect URI with the port the listener actually got (differs only when 0 was asked). */
export function withPort(url: URL, port: number): string {
  const copy = new URL(url.href);
  copy.port = String(port);
  return copy.href;
}
