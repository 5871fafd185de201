/**
 * `openid-client`, loaded on first use: only a sign-in or a token refresh
 * needs it, so `serve` and `stdio` never pay for it at start-up.
 */
let loading: Promise<typeof import('openid-client')> | undefined;

export function loadOpenIdClient(): Promise<typeof import('openid-client')> {
  loading ??= import('openid-client');
  return loading;
}
