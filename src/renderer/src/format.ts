/** Display helpers (no state, no backend). */

export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString();
}

export function formatDateTime(epochMs: number | null): string {
  return epochMs === null ? 'unknown' : new Date(epochMs).toLocaleString();
}

const STATE_LABELS: Record<string, string> = {
  stopped: 'Stopped',
  starting: 'Starting…',
  running: 'Running',
  stopping: 'Stopping…',
  error: 'Error',
};

export function serverStateLabel(state: string): string {
  return STATE_LABELS[state] ?? state;
}

export const AUTH_MODE_LABELS = { none: 'None', api_key: 'API key', oauth: 'OAuth' } as const;

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** `in 5 minutes`, `2 hours ago`, `in 3 days`: how far `epochMs` is from `now`, in its largest whole unit. */
export function formatRelative(epochMs: number, now: number = Date.now()): string {
  const delta = epochMs - now;
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(delta) >= size) return format.format(Math.trunc(delta / size), unit);
  }
  return delta >= 0 ? 'in less than a minute' : 'less than a minute ago';
}
