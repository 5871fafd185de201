/**
 * The sign-ins to remote servers as they run: one at a time per server, each
 * with its progress (as the UI shows it) and an AbortController to cancel it.
 */
import type { UpstreamSignInEvent } from '../core/upstream-login/types.js';
import type { ServerSignInProgress, ServerSignInStep } from '../shared/logins-types.js';
import { ControllerError, SIGN_IN_IN_PROGRESS } from './controller-error.js';

/** Runs one sign-in: reports each step, stops when `signal` aborts. */
export type ServerSignInRun = (signal: AbortSignal, report: (event: UpstreamSignInEvent) => void) => Promise<unknown>;

export interface ServerSignIns {
  progress(server: string): ServerSignInProgress;
  start(server: string, run: ServerSignInRun): ServerSignInProgress;
  cancel(server: string): ServerSignInProgress;
  /** Cancels every running sign-in. */
  cancelAll(): void;
  /** Resolves when every sign-in started so far has ended. */
  settled(): Promise<void>;
}

const ACTIVE_STEPS: ReadonlySet<ServerSignInStep> = new Set(['discovering', 'registering', 'waiting-for-browser', 'exchanging']);

export function isSignInRunning(progress: ServerSignInProgress): boolean {
  return ACTIVE_STEPS.has(progress.step);
}

const STEP_MESSAGES: Partial<Record<ServerSignInStep, string>> = {
  discovering: 'Finding the authorization server…',
  registering: 'Registering the toolkit with the authorization server…',
  'waiting-for-browser': 'Finish signing in in your browser.',
  exchanging: 'Exchanging the authorization code…',
  done: 'Signed in.',
  cancelled: 'Sign-in cancelled.',
};

/** A core sign-in event as the progress the UI shows. */
export function toServerProgress(server: string, event: UpstreamSignInEvent): ServerSignInProgress {
  if (event.step === 'failed') return { server, step: 'failed', message: event.message, error: { code: event.code, message: event.message } };
  const message = STEP_MESSAGES[event.step];
  return { server, step: event.step, ...(event.step === 'waiting-for-browser' ? { url: event.url } : {}), ...(message ? { message } : {}) };
}

export function createServerSignIns(onProgress: (progress: ServerSignInProgress) => void, log: (line: string) => void): ServerSignIns {
  const progress = new Map<string, ServerSignInProgress>();
  const aborts = new Map<string, AbortController>();
  const running = new Set<Promise<void>>();
  let reports = 0;

  function report(next: ServerSignInProgress): void {
    reports += 1;
    const stamped = { ...next, seq: reports };
    progress.set(next.server, stamped);
    onProgress(stamped);
  }

  const current = (server: string): ServerSignInProgress => progress.get(server) ?? { server, step: 'idle' };

  return {
    progress: current,
    start(server, run) {
      if (isSignInRunning(current(server))) throw new ControllerError(SIGN_IN_IN_PROGRESS, `A sign-in to ${server} is already in progress.`);
      const abort = new AbortController();
      aborts.set(server, abort);
      report(toServerProgress(server, { step: 'discovering' }));
      const settled = run(abort.signal, (event) => {
        const next = toServerProgress(server, event);
        const now = current(server);
        // The first step is reported at once; the same step again (from the sign-in itself) says nothing new.
        if (aborts.get(server) === abort && (next.step !== now.step || next.url !== now.url)) report(next);
      })
        .then(() => {
          if (current(server).step !== 'done') report(toServerProgress(server, { step: 'done' }));
          log(`[logins] signed in to ${server}`);
        })
        .catch((error: unknown) => {
          const { code = 'SIGN_IN_FAILED', message = String(error) } = error as { code?: unknown; message?: string };
          if (abort.signal.aborted) report(toServerProgress(server, { step: 'cancelled' }));
          else if (isSignInRunning(current(server))) report(toServerProgress(server, { step: 'failed', code: String(code), message }));
          log(`[logins] sign-in to ${server} ended: ${message}`);
        })
        .finally(() => {
          if (aborts.get(server) === abort) aborts.delete(server);
          running.delete(settled);
        });
      running.add(settled);
      return current(server);
    },
    cancel(server) {
      aborts.get(server)?.abort();
      return current(server);
    },
    cancelAll() {
      for (const abort of aborts.values()) abort.abort();
    },
    settled: async () => {
      await Promise.all([...running]);
    },
  };
}
