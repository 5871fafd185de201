import type { SecretStore } from '../core/keychain/index.js';
import type { SignInOptions, SignInEvent, SessionSummary, StoredSession } from '../core/login/index.js';
import type { Settings } from '../core/config/types.js';
import type { SessionInfo, SignInProgress } from '../shared/view-types.js';
import { ControllerError, SIGN_IN_IN_PROGRESS, SIGN_IN_NOT_CONFIGURED } from './controller-error.js';

export type SignInFn = (options: SignInOptions) => Promise<StoredSession>;

export interface SignInRunnerDeps {
  readonly signIn: SignInFn;
  readonly store: SecretStore;
  readonly openUrl: (url: string) => void | Promise<void>;
  readonly onProgress: (progress: SignInProgress) => void;
  readonly onSession: (session: SessionInfo) => void;
  readonly log: (line: string) => void;
}

export interface SignInRunner {
  progress(): SignInProgress;
  /** Starts a sign-in in the background; progress and the result arrive through the callbacks. */
  start(settings: Settings): SignInProgress;
  cancel(): SignInProgress;
  /** Resolves when the current sign-in (if any) has ended; for shutdown and tests. */
  settled(): Promise<void>;
}

const IDLE: SignInProgress = { phase: 'idle' };
const ACTIVE = new Set(['starting', 'waiting_for_browser', 'exchanging']);

/** Fields sign-in needs, as per-field messages when they are missing. */
export function signInFieldProblems(settings: Settings): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!settings.oauth.issuer) problems['oauth.issuer'] = 'Enter the issuer URL to sign in.';
  if (!settings.oauth.clientId) problems['oauth.clientId'] = 'Enter the client id to sign in.';
  return problems;
}

/** Drives the core PKCE sign-in (one at a time) from a button, with progress and cancellation. */
export function createSignInRunner(deps: SignInRunnerDeps): SignInRunner {
  let current: SignInProgress = IDLE;
  let reports = 0;
  let abort: AbortController | undefined;
  let running: Promise<void> = Promise.resolve();

  function report(progress: SignInProgress): void {
    reports += 1;
    current = { ...progress, seq: reports };
    deps.onProgress(current);
  }

  return {
    progress: () => current,
    start(settings) {
      if (ACTIVE.has(current.phase)) throw new ControllerError(SIGN_IN_IN_PROGRESS, 'A sign-in is already in progress.');
      const problems = signInFieldProblems(settings);
      if (Object.keys(problems).length > 0) {
        throw new ControllerError(SIGN_IN_NOT_CONFIGURED, 'Sign-in needs an issuer and a client id.', problems);
      }
      const controller = new AbortController();
      abort = controller;
      report({ phase: 'starting', message: 'Contacting the authorization server…' });
      const { issuer, clientId, redirectUri, audience } = settings.oauth;
      running = deps
        .signIn({
          issuer: issuer!,
          clientId: clientId!,
          ...(redirectUri ? { redirectUri } : {}),
          ...(audience ? { resource: audience } : {}),
          openUrl: deps.openUrl,
          store: deps.store,
          signal: controller.signal,
          onProgress: (event) => report(toProgress(event)),
        })
        .then((session) => {
          deps.log(`[login] signed in to ${session.issuer}`);
          deps.onSession(toSessionInfo(session));
        })
        .catch((error: unknown) => {
          // The core reported `failed`/`cancelled` already; make sure the phase is final.
          if (ACTIVE.has(current.phase)) report({ phase: 'failed', error: { code: 'SIGN_IN_FAILED', message: String(error) } });
          deps.log(`[login] sign-in ended: ${(error as Error).message}`);
        })
        .finally(() => {
          if (abort === controller) abort = undefined;
        });
      return current;
    },
    cancel() {
      abort?.abort();
      return current;
    },
    settled: () => running,
  };
}

/** The core's progress events as the UI's phases. */
export function toProgress(event: SignInEvent): SignInProgress {
  switch (event.type) {
    case 'waiting-for-browser':
      return { phase: 'waiting_for_browser', message: 'Finish signing in in your browser.' };
    case 'exchanging':
      return { phase: 'exchanging', message: 'Exchanging the authorization code…' };
    case 'done':
      return { phase: 'done', message: 'Signed in.' };
    case 'failed':
      return { phase: 'failed', message: event.message, error: { code: event.code, message: event.message } };
    case 'cancelled':
      return { phase: 'cancelled', message: 'Sign-in cancelled.' };
  }
}

/** The non-secret session fields the UI shows. */
export function toSessionInfo(session: SessionSummary | StoredSession): SessionInfo {
  return {
    subject: session.subject ?? '(unknown subject)',
    issuer: session.issuer,
    expiresAt: session.expiresAt ?? null,
    clientId: session.clientId,
    ...(session.scope ? { scopes: session.scope.split(' ').filter(Boolean) } : {}),
  };
}
