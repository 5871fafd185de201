import type { CallView } from '../../shared/view-types.js';

/** Calls the log keeps (the Activity section shows them all, filtered). */
export const DEFAULT_CALL_LOG_SIZE = 5_000;

/** A call as the HTTP app fills it in while answering; `seq` and `time` are set when it is recorded. */
export type CallEntry = { -readonly [K in keyof CallView]: CallView[K] };

/** Calls newer than a sequence number, oldest first. */
export interface CallsSince {
  /** The sequence number asked for: every kept call after it is in `calls`. */
  readonly after: number;
  readonly calls: readonly CallView[];
}

/**
 * The last `capacity` calls, each numbered: entry `seq` lives in slot
 * `seq % capacity`, so recording is one array write and reading what is new
 * since a number needs no search. Sequence numbers keep increasing across
 * `clear()`, so a reader never mistakes old calls for new ones.
 */
export class CallLog {
  /**
   * Entries live in slot objects made once and overwritten in place: the
   * caller's entry dies young, so recording a call leaves no old-generation
   * garbage behind (a ring of fresh objects grew the heap under load).
   */
  readonly #slots: (CallEntry | undefined)[];
  /** The next call's number; the first call is 1. */
  #nextSeq = 1;
  #size = 0;

  constructor(readonly capacity: number = DEFAULT_CALL_LOG_SIZE) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`call log capacity must be an integer ≥ 1, got ${String(capacity)}`);
    this.#slots = new Array<CallEntry | undefined>(capacity).fill(undefined);
  }

  /** Numbers `entry` and keeps it (the log owns it from now on). */
  push(entry: CallEntry): void {
    const seq = this.#nextSeq++;
    const index = seq % this.capacity;
    const slot = this.#slots[index];
    if (slot === undefined) this.#slots[index] = { ...entry, seq };
    else Object.assign(slot, entry, { seq });
    entry.seq = seq;
    if (this.#size < this.capacity) this.#size++;
  }

  /** Number of the newest call, 0 before the first. */
  get lastSeq(): number {
    return this.#nextSeq - 1;
  }

  get size(): number {
    return this.#size;
  }

  /** Kept calls numbered above `after`, oldest first (all kept calls for 0). */
  since(after: number): CallsSince {
    const first = Math.max(after + 1, this.#nextSeq - this.#size);
    const calls: CallView[] = [];
    // Copies: a slot is overwritten once the ring comes round.
    for (let seq = first; seq < this.#nextSeq; seq++) calls.push({ ...this.#slots[seq % this.capacity]! });
    return { after, calls };
  }

  clear(): void {
    this.#slots.fill(undefined);
    this.#size = 0;
  }
}
