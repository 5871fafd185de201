/**
 * The server's rules for the OAuth issuer and JWKS URI (see
 * `validateOAuthOptions` in src/core/auth/oauth/options.ts), phrased for the
 * settings forms so a value the server would refuse is refused at its field,
 * before anything is saved. Pure: the renderer and the backend both use it.
 */
import { isHttpsOrLoopbackHttp } from './loopback.js';

const ON_THIS_COMPUTER = 'this computer (localhost, 127.x.x.x or [::1])';

function parse(text: string): URL | undefined {
  return URL.canParse(text) ? new URL(text) : undefined;
}

/**
 * Why the server would refuse `issuer`, or undefined. Plain http is accepted
 * on this computer only, unless a JWKS URI is set: then the keys never come
 * from the issuer's (forgeable) metadata, and the issuer is only a name.
 */
export function issuerUrlProblem(issuer: string, jwksUri?: string): string | undefined {
  const url = parse(issuer);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return 'Enter an http(s) URL, e.g. https://login.example.com.';
  if (url.search !== '' || url.hash !== '') return 'An issuer has no query (?…) or fragment (#…).';
  if (jwksUri === undefined && !isHttpsOrLoopbackHttp(url)) {
    return `Plain http is only for an issuer on ${ON_THIS_COMPUTER}: anyone on the way could swap its keys. Use https, or set a JWKS URI on https.`;
  }
  return undefined;
}

/** Why the server would refuse `jwksUri` as the place to fetch signing keys from, or undefined. */
export function jwksUriProblem(jwksUri: string): string | undefined {
  const url = parse(jwksUri);
  if (!url || !isHttpsOrLoopbackHttp(url)) return `Enter an https URL (plain http only on ${ON_THIS_COMPUTER}).`;
  return undefined;
}

/**
 * Both rules at the settings' field paths (`oauth.issuer`, `oauth.jwksUri`);
 * empty or blank values are unset and not judged here.
 */
export function oauthUrlProblems(issuer: string | undefined, jwksUri: string | undefined): Record<string, string> {
  const given = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());
  const [issuerText, jwksText] = [given(issuer), given(jwksUri)];
  const problems: Record<string, string> = {};
  const jwksProblem = jwksText === undefined ? undefined : jwksUriProblem(jwksText);
  if (jwksProblem !== undefined) problems['oauth.jwksUri'] = jwksProblem;
  const issuerProblem = issuerText === undefined ? undefined : issuerUrlProblem(issuerText, jwksText);
  if (issuerProblem !== undefined) problems['oauth.issuer'] = issuerProblem;
  return problems;
}
