import type { FetchLike, OAuthTokens } from '@modelcontextprotocol/client';
import type { SecretStore } from '../keychain/secret-store.js';
import type { LoginBook } from './login-book.js';
import { compactTokens, type StoredUpstreamLogin } from './stored-login.js';
import { subjectOf } from './subject.js';

/** What the parts of `UpstreamLogins` share. */
export interface LoginsContext {
  readonly secrets: SecretStore;
  readonly book: LoginBook;
  readonly now: () => number;
  /** Bounded in time and size: every request to an authorization server or a server's metadata goes through it. */
  readonly fetchFn: FetchLike;
  readonly log: (line: string) => void;
  /** Where a configured (pre-registered) client's browser comes back. */
  readonly configuredClientRedirectUri: string;
}

/** `login` with new tokens from the token endpoint: absolute expiry, the subject if the response names one. */
export function withNewTokens(login: StoredUpstreamLogin, tokens: OAuthTokens, now: number): StoredUpstreamLogin {
  const { expiresAt: _previous, lifetimeMs: _previousLifetime, ...rest } = login;
  const subject = subjectOf(tokens) ?? login.subject;
  return {
    ...rest,
    tokens: compactTokens({ ...tokens, issuer: login.issuer }),
    ...(tokens.expires_in !== undefined ? { expiresAt: now + tokens.expires_in * 1000, lifetimeMs: tokens.expires_in * 1000 } : {}),
    ...(subject ? { subject } : {}),
  };
}
