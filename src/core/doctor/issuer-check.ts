import { discoverJwksUri } from '../auth/oauth/discovery.js';
import { boundedFetch, METADATA_MAX_BYTES } from '../http/bounded-fetch.js';
import type { OAuthSettings } from '../config/types.js';
import { failed, passed, warned, type DoctorCheck } from './check-result.js';
import { describeError } from './describe-error.js';
import type { DoctorProbes } from './probes.js';

/** A clock further than this from the issuer's gets a warning: token times (`exp`, `nbf`) are read against it. */
export const CLOCK_SKEW_WARNING_MS = 30_000;
/** Time for each issuer request. */
export const ISSUER_TIMEOUT_MS = 5_000;

/** When a response arrived, by the local clock and by the server's `Date` header. */
interface Stamp {
  readonly local: number;
  readonly remote: number;
}

async function checkDiscovery(oauth: OAuthSettings & { issuer: string }, fetcher: typeof fetch): Promise<{ line: DoctorCheck; jwksUri?: string }> {
  try {
    const jwksUri = await discoverJwksUri(oauth.issuer, { fetch: fetcher, timeoutMs: ISSUER_TIMEOUT_MS });
    return { line: passed('issuer.discovery', `The issuer ${oauth.issuer} publishes its metadata (keys at ${jwksUri.href}).`), jwksUri: jwksUri.href };
  } catch (error) {
    const message = `The issuer's metadata cannot be read: ${describeError(error)}.`;
    const fix = `Check the issuer URL (Issuer in Authentication, or MCP_OAUTH_ISSUER) and that this machine reaches ${oauth.issuer}.`;
    // With a JWKS URI set the server does not need discovery; signing in still does.
    if (oauth.jwksUri !== undefined) return { line: warned('issuer.discovery', `${message} The server uses the JWKS URI set, but signing in needs the metadata.`, fix) };
    return { line: failed('issuer.discovery', `${message} Every token will be refused.`, fix) };
  }
}

async function checkJwks(jwksUri: string, fetcher: typeof fetch): Promise<DoctorCheck> {
  const fix = 'Check the JWKS URI (JWKS URI in Authentication, or MCP_OAUTH_JWKS_URI), or leave it empty to use the one the issuer publishes.';
  try {
    const response = await boundedFetch(jwksUri, { headers: { accept: 'application/json' }, redirect: 'manual' }, { fetch: fetcher, timeoutMs: ISSUER_TIMEOUT_MS, maxBytes: METADATA_MAX_BYTES });
    if (response.status !== 200) return failed('issuer.jwks', `The issuer's keys cannot be read: ${jwksUri} answered HTTP ${response.status}. Every token will be refused.`, fix);
    const body = (await response.json().catch(() => undefined)) as { keys?: unknown } | undefined;
    const keys = Array.isArray(body?.keys) ? body.keys.length : 0;
    if (keys === 0) return failed('issuer.jwks', `${jwksUri} holds no keys. Every token will be refused.`, fix);
    return passed('issuer.jwks', `The issuer's key set loads (${keys} key${keys === 1 ? '' : 's'}).`);
  } catch (error) {
    return failed('issuer.jwks', `The issuer's keys cannot be read from ${jwksUri}: ${describeError(error)}. Every token will be refused.`, fix);
  }
}

function checkClock(stamp: Stamp | undefined): DoctorCheck | undefined {
  if (stamp === undefined) return undefined;
  const skew = stamp.local - stamp.remote;
  const seconds = Math.round(Math.abs(skew) / 1000);
  if (Math.abs(skew) <= CLOCK_SKEW_WARNING_MS) return passed('issuer.clock', `This machine's clock is within ${Math.max(seconds, 1)} s of the issuer's.`);
  return warned(
    'issuer.clock',
    `This machine's clock is ${seconds} s ${skew > 0 ? 'ahead of' : 'behind'} the issuer's: fresh tokens may be refused as not yet valid, or expired ones accepted.`,
    'Turn on automatic time synchronisation (NTP) on this machine.',
  );
}

/**
 * In `oauth` mode: the issuer's metadata is discoverable, its key set loads,
 * and the local clock agrees with the issuer's (`Date` header of its answers).
 */
export async function checkIssuer(oauth: OAuthSettings, probes: Pick<DoctorProbes, 'fetch' | 'now'>): Promise<DoctorCheck[]> {
  if (oauth.issuer === undefined) return [];
  let stamp: Stamp | undefined;
  const stamped: typeof fetch = async (input, init) => {
    const response = await probes.fetch(input, init);
    const remote = Date.parse(response.headers.get('date') ?? '');
    if (stamp === undefined && Number.isFinite(remote)) stamp = { local: probes.now(), remote };
    return response;
  };
  const discovery = await checkDiscovery({ ...oauth, issuer: oauth.issuer }, stamped);
  const jwksUri = oauth.jwksUri ?? discovery.jwksUri;
  const jwks = jwksUri === undefined ? undefined : await checkJwks(jwksUri, stamped);
  return [discovery.line, jwks, checkClock(stamp)].filter((line): line is DoctorCheck => line !== undefined);
}
