import type { SeriesPoint } from './types.js';

/** Minutes the series covers: 24 hours (the Activity chart shows the last 15 minutes, hour or day). */
export const SERIES_MINUTES = 1_440;
const MS_PER_MINUTE = 60_000;

/** What one point counts. */
export type SeriesField = 'requests' | 'succeeded' | 'unauthorized' | 'forbidden' | 'rateLimited';

interface Slot {
  /** Minute number (ms epoch / 60 000) the counts belong to. */
  minute: number;
  requests: number;
  succeeded: number;
  unauthorized: number;
  forbidden: number;
  rateLimited: number;
}

function emptySlot(minute: number): Slot {
  return { minute, requests: 0, succeeded: 0, unauthorized: 0, forbidden: 0, rateLimited: 0 };
}

/** The series field a rejection status counts towards, if any. */
export function seriesFieldForStatus(status: number): SeriesField | undefined {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rateLimited';
  return undefined;
}

/**
 * Per-minute counts for the last `SERIES_MINUTES` minutes (24 h, so 1,440 slots) in a ring,
 * one per minute number modulo the window. A slot still holding an older minute
 * is reset when reused, so recording is O(1) and nothing needs a timer.
 */
export class MinuteSeries {
  readonly #slots: Slot[] = Array.from({ length: SERIES_MINUTES }, () => emptySlot(Number.NEGATIVE_INFINITY));

  record(field: SeriesField, atMs: number): void {
    const minute = Math.floor(atMs / MS_PER_MINUTE);
    const index = ((minute % SERIES_MINUTES) + SERIES_MINUTES) % SERIES_MINUTES;
    let slot = this.#slots[index]!;
    if (slot.minute !== minute) {
      slot = emptySlot(minute);
      this.#slots[index] = slot;
    }
    slot[field]++;
  }

  /**
   * The minutes of the window ending with the minute of `atMs` in which
   * anything was counted, oldest first (a quiet minute is left out: the reader
   * fills zeros, so a day of little traffic stays a small answer).
   */
  points(atMs: number): SeriesPoint[] {
    const current = Math.floor(atMs / MS_PER_MINUTE);
    const points: SeriesPoint[] = [];
    for (let minute = current - SERIES_MINUTES + 1; minute <= current; minute++) {
      const slot = this.#slots[((minute % SERIES_MINUTES) + SERIES_MINUTES) % SERIES_MINUTES]!;
      if (slot.minute !== minute) continue;
      points.push({
        minuteStart: minute * MS_PER_MINUTE,
        requests: slot.requests,
        succeeded: slot.succeeded,
        unauthorized: slot.unauthorized,
        forbidden: slot.forbidden,
        rateLimited: slot.rateLimited,
      });
    }
    return points;
  }

  clear(): void {
    for (let i = 0; i < SERIES_MINUTES; i++) this.#slots[i] = emptySlot(Number.NEGATIVE_INFINITY);
  }
}
