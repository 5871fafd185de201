export { LoginError, LOGIN_ERROR_CODES, isLoginError, type LoginErrorCode } from './login-error.js';
export { signIn, defaultScope, type SignInOptions, type SignInEvent } from './sign-in.js';
export {
  getValidAccessToken,
  refreshSession,
  needsRefresh,
  DEFAULT_MIN_VALIDITY_MS,
  type AccessTokenOptions,
  type ValidAccessToken,
} from './access-token.js';
export { summarizeSession, parseStoredSession, type StoredSession, type SessionSummary } from './stored-session.js';
export {
  saveSession,
  loadSession,
  deleteSession,
  resolveIssuer,
  sessionAccount,
  DEFAULT_SESSION_ACCOUNT,
} from './session-store.js';
export { discoverAuthorizationServer, assertSupportsS256, type DiscoverOptions } from './authorization-server.js';
export { startLoopbackListener, DEFAULT_CALLBACK_TIMEOUT_MS, type LoopbackListener, type LoopbackListenerOptions } from './loopback-listener.js';
export { DEFAULT_REDIRECT_URI, parseLoopbackRedirectUri } from './redirect-uri.js';
export { parseIssuerUrl, issuerKey } from './issuer-url.js';
export { openInSystemBrowser, browserCommandFor, type BrowserCommand } from './system-browser.js';
