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
