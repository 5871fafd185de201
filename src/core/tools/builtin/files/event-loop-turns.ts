import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long a tool may keep the event loop busy before letting other requests run. */
export const DEFAULT_TURN_MS = 10;

/**
 * A function to await often inside a long loop: it gives the event loop a
 * turn (timers, sockets, other requests such as `/health`) whenever `turnMs`
 * have passed since the last turn, and costs only a clock read otherwise.
 * Awaiting a promise alone is not enough: promise callbacks run before any
 * I/O, so a loop of resolved awaits still holds the whole process.
 */
export function eventLoopTurns(turnMs = DEFAULT_TURN_MS): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < turnMs) return;
    await nextTurn();
    last = performance.now();
  };
}
