/**
 * An `OAuthClientProvider` as an agent embedding the MCP SDK client writes one:
 * a pre-registered native public client (RFC 8252) that keeps its tokens in
 * memory and, when the SDK's `auth()` wants the user to sign in, "opens the
 * system browser" at the authorization URL. Here that browser is a real
 * headless chromium driven through the identity provider's pages
 * (test/support/browser.ts); the authorization response lands on a loopback
 * listener the test owns, which checks `state` and `iss` (the SDK checks
 * neither in v1, and not `state` in v2).
 *
 * It records what the SDK told it (discovery state, authorization URL, tokens)
 * so a test can show the flow really went through the server's metadata.
 */
import type { OAuthClientProvider as OAuthClientProviderV1, OAuthDiscoveryState } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformation, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { BrowserOutcome } from '../support/browser.js';

export interface BrowserOAuthClientProviderOptions {
  /** The client id registered at the identity provider (no dynamic registration). */
  readonly clientId: string;
  /** The issuer the client was registered with; the SDK presents the client id to no other. */
  readonly issuer: string;
  /** The loopback redirect URI with its real port, e.g. `http://127.0.0.1:41234/callback`. */
  readonly redirectUrl: string;
  /** The `state` the loopback listener expects back (RFC 6749 §10.12). */
  readonly state: string;
  /** Scope asked for when the server's metadata names none. */
  readonly scope: string;
  /** Opens the browser at the authorization URL and plays the user; resolves once the browser shows the callback page. */
  readonly openBrowser: (authorizationUrl: URL) => Promise<BrowserOutcome>;
}

export class BrowserOAuthClientProvider implements OAuthClientProviderV1 {
  /** Every authorization URL the SDK sent the user to. */
  readonly authorizationUrls: URL[] = [];
  /** What the SDK discovered (RFC 9728 resource metadata, RFC 8414 server metadata), last saved. */
  discovery: OAuthDiscoveryState | undefined;
  /** The browser's sign-in, started by `redirectToAuthorization`; await it after the callback arrived. */
  browserVisit: Promise<BrowserOutcome> | undefined;
  private savedTokens: OAuthTokens | undefined;
  private verifier: string | undefined;

  constructor(private readonly options: BrowserOAuthClientProviderOptions) {}

  get redirectUrl(): string {
    return this.options.redirectUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'MCP Toolkit SDK discovery test',
      redirect_uris: [this.options.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      scope: this.options.scope,
    };
  }

  state(): string {
    return this.options.state;
  }

  clientInformation(): OAuthClientInformation & { issuer: string } {
    return { client_id: this.options.clientId, issuer: this.options.issuer };
  }

  tokens(): OAuthTokens | undefined {
    return this.savedTokens;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.savedTokens = tokens;
  }

  /** Like an agent opening the system browser: starts the visit and returns at once. */
  redirectToAuthorization(authorizationUrl: URL): void {
    this.authorizationUrls.push(authorizationUrl);
    this.browserVisit = this.options.openBrowser(authorizationUrl);
    this.browserVisit.catch(() => {}); // awaited later by the test
  }

  saveCodeVerifier(codeVerifier: string): void {
    this.verifier = codeVerifier;
  }

  codeVerifier(): string {
    if (this.verifier === undefined) throw new Error('no PKCE code verifier saved');
    return this.verifier;
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.discovery = state;
  }

  /** Kept like the code verifier, so the callback leg redeems the code at the same authorization server. */
  discoveryState(): OAuthDiscoveryState | undefined {
    return this.discovery;
  }
}
