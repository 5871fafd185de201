/**
 * When a crashed upstream (a stdio server that exited, a remote server that
 * cannot be reached) is tried again: after 1 s, then 2, 4, 8… up to 30 s for
 * each crash in a row, and not at all after 5 crashes within 60 s: it stays
 * crashed until the user restarts it, which calls `reset()`. A crash after the
 * upstream had been running for a while starts the delays from 1 s again.
 */
export interface RestartPolicyOptions {
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** This many crashes within `windowMs` and the upstream stays crashed. */
  readonly maxCrashes?: number;
  readonly windowMs?: number;
  /** Running this long makes the next crash count as the first in a row. Defaults to `windowMs`. */
  readonly healthyAfterMs?: number;
  readonly now?: () => number;
}

export type CrashDecision =
  | { readonly kind: 'retry'; readonly delayMs: number; readonly crashesInWindow: number }
  | { readonly kind: 'give-up'; readonly crashesInWindow: number };

export interface RestartPolicy {
  /** Records a crash now and says whether and when to try again. */
  recordCrash(): CrashDecision;
  /** Records that the upstream is up (connected); a crash long after this starts a new row. */
  recordRunning(): void;
  /** Forgets every crash: after the user restarts or re-enables the upstream. */
  reset(): void;
  /** The window crashes are counted in, for messages ("… three times in 60 s"). */
  readonly windowMs: number;
}

export const DEFAULT_RESTART_POLICY = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxCrashes: 5,
  windowMs: 60_000,
} as const;

export function createRestartPolicy(options: RestartPolicyOptions = {}): RestartPolicy {
  const initialDelayMs = options.initialDelayMs ?? DEFAULT_RESTART_POLICY.initialDelayMs;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_RESTART_POLICY.maxDelayMs;
  const maxCrashes = options.maxCrashes ?? DEFAULT_RESTART_POLICY.maxCrashes;
  const windowMs = options.windowMs ?? DEFAULT_RESTART_POLICY.windowMs;
  const healthyAfterMs = options.healthyAfterMs ?? windowMs;
  const now = options.now ?? Date.now;

  let crashTimes: number[] = [];
  let inARow = 0;
  let runningSince: number | undefined;

  return {
    windowMs,
    recordCrash() {
      const time = now();
      if (runningSince !== undefined && time - runningSince >= healthyAfterMs) inARow = 0;
      runningSince = undefined;
      inARow += 1;
      crashTimes = [...crashTimes.filter((at) => time - at < windowMs), time];
      if (crashTimes.length >= maxCrashes) return { kind: 'give-up', crashesInWindow: crashTimes.length };
      const delayMs = Math.min(maxDelayMs, initialDelayMs * 2 ** (inARow - 1));
      return { kind: 'retry', delayMs, crashesInWindow: crashTimes.length };
    },
    recordRunning() {
      runningSince = now();
    },
    reset() {
      crashTimes = [];
      inARow = 0;
      runningSince = undefined;
    },
  };
}
