/** What the key machinery reports, for metrics and logs. Never carries a token. */
export type OAuthEvent =
  | { readonly type: 'discovery_succeeded'; readonly issuer: string; readonly jwksUri: string }
  | { readonly type: 'discovery_failed'; readonly issuer: string; readonly message: string }
  | { readonly type: 'jwks_fetched'; readonly jwksUri: string; readonly keyCount: number }
  | { readonly type: 'jwks_fetch_failed'; readonly jwksUri: string; readonly message: string; readonly knownKeys: number };

/** Counter name for each event, for a metrics hook: `onEvent: (e) => increment(OAUTH_EVENT_COUNTERS[e.type])`. */
export const OAUTH_EVENT_COUNTERS: Readonly<Record<OAuthEvent['type'], string>> = {
  discovery_succeeded: 'oauth_discoveries_total',
  discovery_failed: 'oauth_discovery_errors_total',
  jwks_fetched: 'oauth_jwks_fetches_total',
  jwks_fetch_failed: 'oauth_jwks_fetch_errors_total',
};

/** One `[oauth]` log line for the events an operator should see; undefined for routine ones. */
export function describeOAuthEvent(event: OAuthEvent): string | undefined {
  switch (event.type) {
    case 'discovery_succeeded':
      return `[oauth] discovered JWKS URI ${event.jwksUri} from issuer ${event.issuer}`;
    case 'discovery_failed':
      return `[oauth] discovery at issuer ${event.issuer} failed: ${event.message}; will retry`;
    case 'jwks_fetched':
      return undefined;
    case 'jwks_fetch_failed':
      return `[oauth] JWKS fetch from ${event.jwksUri} failed: ${event.message}; still trusting ${event.knownKeys} known key(s)`;
  }
}

/** Default log sink: one line on stderr. */
export function logToStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}
