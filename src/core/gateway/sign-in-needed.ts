import { plainHttpSignInProblem, scopeListProblem } from '../../shared/upstream-auth-rules.js';
import { UpstreamNeedsSignInError } from '../upstream-login/types.js';
import { loadedClientSdk } from './client-sdk.js';

/** Why a remote server needs the user to sign in, in the user's words, and the extra scope it asked for (step-up). */
export interface SignInNeeded {
  readonly reason: string;
  /** The scope a 403 `insufficient_scope` named: the next sign-in asks for it. */
  readonly scope?: string;
}

/** Longest scope text taken from a server's challenge (it is shown to the user). */
const MAX_SCOPE_CHARS = 200;

function isNeedsSignIn(error: unknown): error is UpstreamNeedsSignInError {
  return error instanceof UpstreamNeedsSignInError || (error instanceof Error && (error as { code?: unknown }).code === 'UPSTREAM_NEEDS_SIGN_IN' && typeof (error as { reason?: unknown }).reason === 'string');
}

/** The challenge's scope when it is a plain scope list of sensible length (it comes from the server: untrusted). */
function challengedScope(scope: string | undefined): string | undefined {
  if (scope === undefined || scope.length > MAX_SCOPE_CHARS || scopeListProblem(scope) !== undefined) return undefined;
  return scope;
}

/**
 * Whether `error` (from the SDK transport of a server the toolkit signs in
 * to) means the user must sign in, and why: the provider found no usable
 * token (it throws {@link UpstreamNeedsSignInError} where the SDK would open a
 * browser), the server refused the token even after a refresh (401), or it
 * asked for more permission (403 `insufficient_scope`, surfaced by the
 * transport with `onInsufficientScope: 'throw'` so it never loops).
 */
export function signInNeeded(error: unknown): SignInNeeded | undefined {
  if (isNeedsSignIn(error)) return { reason: error.reason };
  const sdk = loadedClientSdk()?.client;
  if (sdk === undefined) return undefined;
  const { InsufficientScopeError, SdkErrorCode, SdkHttpError, UnauthorizedError } = sdk;
  if (error instanceof InsufficientScopeError) {
    const scope = challengedScope(error.requiredScope);
    if (scope === undefined) return { reason: 'needs more permission than the sign-in grants' };
    return { reason: `needs the extra permission${scope.includes(' ') ? 's' : ''} ${scope}`, scope };
  }
  if (error instanceof SdkHttpError && error.code === SdkErrorCode.ClientHttpAuthentication) return { reason: 'the server refused its token even after a refresh' };
  if (error instanceof UnauthorizedError) return { reason: 'the server refused the sign-in the toolkit holds' };
  return undefined;
}

/**
 * Why a remote server the toolkit does not sign in to stays down, or
 * undefined: it answered 401 (it wants a sign-in) and its URL is plain http
 * to another computer, where a sign-in would send the tokens unencrypted.
 * A reason worded to follow the server's name, as crash reasons are.
 */
export function plainHttpSignInRefused(url: string, error: unknown): string | undefined {
  const problem = plainHttpSignInProblem(url);
  if (problem === undefined) return undefined;
  const sdk = loadedClientSdk()?.client;
  const unauthorized = sdk !== undefined && ((error instanceof sdk.SdkHttpError && error.status === 401) || error instanceof sdk.UnauthorizedError);
  return unauthorized ? problem : undefined;
}

/** What the user reads (a tool error, `lastError`): names the server and says how to sign in. */
export function signInMessage(server: string, reason: string): string {
  return new UpstreamNeedsSignInError(server, reason).message;
}
