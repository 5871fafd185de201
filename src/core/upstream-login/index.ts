export { UpstreamNeedsSignInError, type UpstreamLogins, type UpstreamSignInEvent, type UpstreamSignInOptions, type UpstreamSignOutOutcome } from './types.js';
export {
  createUpstreamLogins,
  UPSTREAM_LOGIN_FETCH_TIMEOUT_MS,
  type CreateUpstreamLoginsOptions,
  type UpstreamLoginsService,
} from './create-upstream-logins.js';
export { UpstreamLoginError, UPSTREAM_LOGIN_ERROR_CODES, type UpstreamLoginErrorCode } from './upstream-login-error.js';
export { upstreamLoginAccount, oauthClientAccount, configuredClientSecretAccount, OAUTH_CLIENT_SECRET_KEY } from './accounts.js';
export { REFRESH_MARGIN_MS, NEVER_SIGNED_IN } from './transport-provider.js';
