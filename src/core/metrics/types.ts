import type { RejectionCounts } from '../../shared/view-types.js';
import type { PathGroup } from './path-group.js';

/** Label names to values of one counter sample, e.g. `{ issuer: 'https://idp' }`. */
export type Labels = Readonly<Record<string, string>>;

/** What the server reports for one rejected request. */
export interface RejectionInput {
  /** HTTP status answered (401, 403, 429…). */
  readonly status: number;
  /** The `HttpError.code`, e.g. `AUTH_INVALID_KEY`, `RATE_LIMITED`. */
  readonly reason: string;
  /** Masked client label (`Principal.label`, `maskedLabel(...)`, `ip:…`); never a secret. */
  readonly client: string;
  /** Request path; a query string or fragment is cut off before storing. */
  readonly path: string;
}

/** One entry of the recent-rejections ring. */
export interface RecentRejection extends RejectionInput {
  /** When it happened, ms since the epoch. */
  readonly time: number;
}

/** Counts of one minute of the 24-hour series. */
export interface SeriesPoint {
  /** Start of the minute, ms since the epoch. */
  readonly minuteStart: number;
  readonly requests: number;
  /** Answers below 400 (a `tools/call` that returned a tool error counts: the server answered it). */
  readonly succeeded: number;
  /** 401 answers. */
  readonly unauthorized: number;
  /** 403 answers. */
  readonly forbidden: number;
  /** 429 answers. */
  readonly rateLimited: number;
}

export type { RejectionCounts };

/** One labelled counter family (e.g. `jwks_fetch_errors_total`). */
export interface CounterFamily {
  readonly name: string;
  readonly help: string;
  readonly samples: readonly { readonly labels: Labels; readonly value: number }[];
}

/** Everything the metrics hold, as plain JSON-serialisable data. */
export interface MetricsSnapshot {
  /** When the snapshot was taken, ms since the epoch. */
  readonly takenAt: number;
  /** When counting started (creation or last reset), ms since the epoch. */
  readonly since: number;
  readonly requests: {
    readonly total: number;
    readonly byPath: Readonly<Record<PathGroup, number>>;
  };
  readonly rejections: {
    readonly total: number;
    /** Keyed by status as a string (`"401"`, `"429"`…). */
    readonly byStatus: Readonly<Record<string, RejectionCounts>>;
  };
  /** Latest rejections, newest first, at most `recentLimit`. */
  readonly recent: readonly RecentRejection[];
  /** Answers with a status below 400. */
  readonly succeeded: number;
  /** The minutes of the last 24 hours in which anything was counted, oldest first. */
  readonly series: readonly SeriesPoint[];
  /** Labelled counters other modules registered, sorted by name. */
  readonly counters: readonly CounterFamily[];
}

/** What subscribers hear, synchronously, after each change. */
export type MetricsEvent =
  | { readonly type: 'request'; readonly path: PathGroup; readonly time: number }
  | { readonly type: 'rejection'; readonly rejection: RecentRejection }
  /** A call was added to the call log (read it with `Metrics.callsSince`; the event is one shared object). */
  | { readonly type: 'call' }
  | { readonly type: 'counter'; readonly name: string; readonly labels: Labels; readonly by: number; readonly time: number }
  | { readonly type: 'reset'; readonly time: number };

export type MetricsListener = (event: MetricsEvent) => void;
