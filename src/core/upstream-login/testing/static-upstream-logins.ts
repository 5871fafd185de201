/**
 * TEST ONLY: an {@link UpstreamLogins} that hands out static tokens and
 * records what it was asked, for the gateway's and the hosts' tests until
 * (and besides) the real sign-in machinery. Its provider is a real SDK
 * `OAuthClientProvider`: the SDK transport sends the token, and where the SDK
 * would send the user to the browser it throws {@link UpstreamNeedsSignInError},
 * as the real provider does. No network: the authorization server's metadata
 * is made up and never fetched.
 */
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthClientProvider, OAuthDiscoveryState, OAuthTokens } from '@modelcontextprotocol/client';
import type { UpstreamSignInView } from '../../../shared/gateway-types.js';
import type { HttpUpstream } from '../../gateway/upstream-spec.js';
import { UpstreamNeedsSignInError, type UpstreamLogins, type UpstreamSignInOptions } from '../types.js';

const ISSUER = 'http://127.0.0.1:9/static-double';

export interface StaticSignIn {
  readonly token: string;
  readonly subject?: string;
  readonly scopes?: readonly string[];
}

export interface StaticUpstreamLogins extends UpstreamLogins {
  /** Every call, in order: `providerFor NAME`, `signIn NAME scope=S`, `signOut NAME`. */
  readonly calls: string[];
  /** The authorization URLs the SDK built where the user had to sign in (its `scope` is what it would ask for). */
  readonly redirects: URL[];
  /** Sets (or with undefined, drops) the token of `name` as another process would, and tells the listeners. */
  set(name: string, signIn: StaticSignIn | undefined): void;
}

export interface StaticUpstreamLoginsOptions {
  /** Tokens held from the start, by server name. */
  readonly initial?: Readonly<Record<string, StaticSignIn>>;
  /** What a sign-in yields (default: a token named after the server and the scope). */
  readonly signInAs?: (spec: HttpUpstream, scope: string | undefined) => StaticSignIn;
}

const METADATA = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/authorize`,
  token_endpoint: `${ISSUER}/token`,
  response_types_supported: ['code'],
  code_challenge_methods_supported: ['S256'],
};

export function createStaticUpstreamLogins(options: StaticUpstreamLoginsOptions = {}): StaticUpstreamLogins {
  const held = new Map<string, StaticSignIn>(Object.entries(options.initial ?? {}));
  const listeners = new Set<(name: string) => void>();
  const calls: string[] = [];
  const redirects: URL[] = [];
  const signInAs = options.signInAs ?? ((spec, scope) => ({ token: `token-${spec.name}${scope ? `-${scope.replace(/\W+/g, '_')}` : ''}`, subject: 'alice' }));

  function changed(name: string): void {
    for (const listener of [...listeners]) listener(name);
  }

  function provider(spec: HttpUpstream): OAuthClientProvider {
    let discovery: OAuthDiscoveryState = { authorizationServerUrl: ISSUER, authorizationServerMetadata: METADATA };
    return {
      redirectUrl: 'http://127.0.0.1:1/callback',
      get clientMetadata(): OAuthClientMetadata {
        return { client_name: 'static double', redirect_uris: ['http://127.0.0.1:1/callback'] };
      },
      clientInformation: (): OAuthClientInformationMixed => ({ client_id: 'static-double', issuer: ISSUER }) as OAuthClientInformationMixed,
      saveClientInformation: () => undefined,
      tokens: (): OAuthTokens | undefined => {
        const signIn = held.get(spec.name);
        return signIn === undefined ? undefined : ({ access_token: signIn.token, token_type: 'Bearer', issuer: ISSUER } as OAuthTokens);
      },
      saveTokens: () => undefined,
      invalidateCredentials: (scope) => {
        if (scope === 'all' || scope === 'tokens') held.delete(spec.name);
      },
      discoveryState: () => discovery,
      saveDiscoveryState: (state) => void (discovery = state),
      saveCodeVerifier: () => undefined,
      codeVerifier: () => 'unused',
      redirectToAuthorization: (url) => {
        redirects.push(url);
        throw new UpstreamNeedsSignInError(spec.name, held.has(spec.name) ? 'the server refused the token' : 'never signed in');
      },
    };
  }

  return {
    calls,
    redirects,
    set(name, signIn) {
      if (signIn === undefined) held.delete(name);
      else held.set(name, signIn);
      changed(name);
    },
    providerFor(spec) {
      calls.push(`providerFor ${spec.name}`);
      return provider(spec);
    },
    async signIn(spec, signInOptions: UpstreamSignInOptions) {
      calls.push(`signIn ${spec.name}${signInOptions.scope !== undefined ? ` scope=${signInOptions.scope}` : ''}`);
      signInOptions.onProgress?.({ step: 'discovering' });
      const url = `${ISSUER}/authorize?client_id=static-double`;
      signInOptions.onProgress?.({ step: 'waiting-for-browser', url });
      await signInOptions.openUrl(url);
      if (signInOptions.signal?.aborted === true) throw signInOptions.signal.reason;
      signInOptions.onProgress?.({ step: 'exchanging' });
      held.set(spec.name, signInAs(spec, signInOptions.scope));
      signInOptions.onProgress?.({ step: 'done' });
      changed(spec.name);
      return (await this.view(spec.name)) as UpstreamSignInView;
    },
    async signOut(spec) {
      calls.push(`signOut ${spec.name}`);
      const found = held.delete(spec.name);
      changed(spec.name);
      return found ? { found, revocation: 'revoked' } : { found };
    },
    async view(name) {
      const signIn = held.get(name);
      if (signIn === undefined) return undefined;
      return { state: 'signed-in', issuer: ISSUER, scopes: [...(signIn.scopes ?? [])], ...(signIn.subject !== undefined ? { subject: signIn.subject } : {}) };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
