import type { AuthProvider, FetchLike, OAuthClientProvider } from '@modelcontextprotocol/client';
import { isHttpsOrLoopbackHttp } from '../../shared/loopback.js';
import type { ClientSdk } from './client-sdk.js';

/**
 * The transport's side of a remote server's sign-in, with the SDK's refresh
 * after a 401 bounded. Handed an `OAuthClientProvider`, the SDK transport runs
 * `auth()` on a 401 with the fetch it sends the MCP traffic with: unbounded
 * (its streams must be) and carrying the server's static headers. This is the
 * SDK's own adaptation of the provider (`adaptOAuthProvider`, which it does
 * not export), with `signInFetch` (the sign-in's bounded fetch: 1 MiB, 15 s)
 * for `auth()`; the MCP requests keep the transport's fetch and headers. A
 * `resource_metadata` URL in the 401 that is not https (or plain http on this
 * computer) is ignored, never fetched. Step-up never runs in the transport
 * (`onInsufficientScope: 'throw'`), so it needs no OAuth provider there.
 */
export function boundedAuthProvider(sdk: ClientSdk['client'], provider: OAuthClientProvider, signInFetch: FetchLike): AuthProvider {
  return {
    token: async () => (await provider.tokens())?.access_token,
    async onUnauthorized({ response, serverUrl }) {
      const { resourceMetadataUrl: named, scope } = sdk.extractWWWAuthenticateParams(response);
      const resourceMetadataUrl = named !== undefined && isHttpsOrLoopbackHttp(named) ? named : undefined;
      const outcome = await sdk.auth(provider, { serverUrl, fetchFn: signInFetch, ...(resourceMetadataUrl ? { resourceMetadataUrl } : {}), ...(scope ? { scope } : {}) });
      if (outcome !== 'AUTHORIZED') throw new sdk.UnauthorizedError();
    },
  };
}
