import { loggable } from '../log/bounded-log.js';
import type { ProcessExit } from './stdio-process.js';

/** How many lines of error output a crash message quotes, and how long it may get. */
const QUOTED_LINES = 3;
const MAX_QUOTED_CHARS = 600;

const COUNT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** "once", "twice", "three times" … "11 times". */
export function times(count: number): string {
  if (count === 1) return 'once';
  if (count === 2) return 'twice';
  return `${COUNT_WORDS[count] ?? String(count)} times`;
}

/** Why a process ended, in the user's words: "exited with code 1", "was killed by SIGKILL". */
export function exitReason(exit: ProcessExit): string {
  if (exit.signal !== null) return `was killed by ${exit.signal}`;
  if (exit.code !== null) return `exited with code ${exit.code}`;
  return 'exited';
}

/** An error's message made safe to show on one line (no secret is ever in it: URLs lose their query). */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const causeCode = (cause as NodeJS.ErrnoException | undefined)?.code;
  const detail = causeCode !== undefined && !message.includes(causeCode) ? `${message} (${causeCode})` : message;
  return loggable(detail.replace(/(https?:\/\/[^\s?#]*)[?#]\S*/g, '$1'), 300);
}

export interface CrashSummary {
  /** The reasons of the crashes counted, oldest first; the last one is the newest. */
  readonly reasons: readonly string[];
  /** Set when the upstream stays crashed: the window the crashes were counted in. */
  readonly gaveUpWindowMs?: number;
  /** The crashed run's last lines of error output. */
  readonly errorOutput: readonly string[];
}

/**
 * The `lastError` of a crashed upstream, as the UI, `servers list` and a tool
 * error show it: "exited with code 1 three times in 60 s; last error output:
 * Error: missing GITHUB_TOKEN". When it will be retried, only the last reason.
 */
export function crashMessage(summary: CrashSummary): string {
  const last = summary.reasons.at(-1) ?? 'crashed';
  let headline = last;
  if (summary.gaveUpWindowMs !== undefined && summary.reasons.length > 1) {
    const window = `${Math.round(summary.gaveUpWindowMs / 1000)} s`;
    const count = times(summary.reasons.length);
    headline = summary.reasons.every((reason) => reason === last) ? `${last} ${count} in ${window}` : `crashed ${count} in ${window} (last: ${last})`;
  }
  const quoted = summary.errorOutput.slice(-QUOTED_LINES).join(' | ');
  if (quoted === '') return headline;
  const cut = quoted.length > MAX_QUOTED_CHARS ? `…${quoted.slice(quoted.length - MAX_QUOTED_CHARS)}` : quoted;
  return `${headline}; last error output: ${cut}`;
}
