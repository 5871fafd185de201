import { isInitializedNotification, isInitializeRequest, isJSONRPCRequest, type JSONRPCMessage } from '@modelcontextprotocol/client';

/**
 * Where the bridge stands with the toolkit:
 * - `idle`: the client has not sent `initialize` yet (nothing to open a session with).
 * - `connecting`: a session is being opened with the client's `initialize` parameters.
 * - `up`: a session is open; messages pass through unchanged.
 * - `down`: the last attempt failed; the bridge answers by itself and retries.
 * - `closed`: the client went away.
 */
export type BridgePhase = 'idle' | 'connecting' | 'up' | 'down' | 'closed';

/**
 * What to do with one message from the client:
 * - `forward`: send it to the toolkit's session as it is.
 * - `queue`: hold it (in order) until the attempt under way settles.
 * - `connect`: hold it and open a session now (a new `initialize`, or a request while down).
 * - `answer`: answer it locally (see local-answers.ts).
 * - `drop`: nothing to do (a notification or response with no session to go to;
 *   the client's `notifications/initialized`, which the bridge already sent for its session).
 */
export type ClientRoute = 'forward' | 'queue' | 'connect' | 'answer' | 'drop';

/** The bridge's transition table for a message from the client. */
export function routeClientMessage(phase: BridgePhase, message: JSONRPCMessage): ClientRoute {
  if (phase === 'closed' || isInitializedNotification(message)) return 'drop';
  if (isInitializeRequest(message)) return phase === 'connecting' ? 'queue' : 'connect';
  switch (phase) {
    case 'up':
      return 'forward';
    case 'connecting':
      return 'queue';
    case 'down':
      return isJSONRPCRequest(message) ? 'connect' : 'drop';
    case 'idle':
      return isJSONRPCRequest(message) ? 'answer' : 'drop';
  }
}

/** Waits between attempts while the toolkit is down: 1 s, 2 s, 3 s, then every 5 s. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 3_000, 5_000];

/** The wait before retry number `attempt` (0-based); the last delay repeats. */
export function retryDelayMs(attempt: number, delays: readonly number[] = DEFAULT_RETRY_DELAYS_MS): number {
  return delays[Math.min(Math.max(attempt, 0), delays.length - 1)] ?? 5_000;
}
