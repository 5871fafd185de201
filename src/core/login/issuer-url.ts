import { LoginError } from './login-error.js';
import { isLoopbackHost } from '../../shared/loopback.js';

export interface IssuerUrl {
  readonly url: URL;
  /**
   * Plain http is allowed only for an issuer on this machine (tests, local
   * identity providers); openid-client then needs `allowInsecureRequests`.
   */
  readonly allowInsecureHttp: boolean;
}

/**
 * Parses an issuer identifier (RFC 8414 §2: https, no query or fragment) and
 * decides whether plain http may be used for it: only on loopback hosts.
 */
export function parseIssuerUrl(issuer: string): IssuerUrl {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new LoginError('INVALID_OPTIONS', `The issuer "${issuer}" is not a URL.`);
  }
  if (url.search || url.hash) {
    throw new LoginError('INVALID_OPTIONS', `The issuer "${issuer}" must not have a query or fragment (RFC 8414 §2).`);
  }
  if (url.protocol === 'https:') return { url, allowInsecureHttp: false };
  if (url.protocol !== 'http:') {
    throw new LoginError('INVALID_OPTIONS', `The issuer "${issuer}" must be an https URL.`);
  }
  if (!isLoopbackHost(url.hostname)) {
    throw new LoginError(
      'INSECURE_ISSUER',
      `Refusing plain http for the issuer ${url.origin}: only loopback issuers (127.0.0.1, localhost) may use http. Use https.`,
    );
  }
  return { url, allowInsecureHttp: true };
}

/**
 * The key a session is stored under: the issuer's URL without a trailing
 * slash, so `https://id.example` and `https://id.example/` find the same session.
 */
export function issuerKey(issuer: string): string {
  let href: string;
  try {
    href = new URL(issuer).href;
  } catch {
    href = issuer;
  }
  return href.endsWith('/') ? href.slice(0, -1) : href;
}
