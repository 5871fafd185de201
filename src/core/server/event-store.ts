import type { EventStore, JSONRPCMessage } from '@modelcontextprotocol/server';

/**
 * A bounded in-memory event store for one session, so a client whose SSE
 * stream broke can resume it with `Last-Event-ID` (Streamable HTTP,
 * "Resumability and Redelivery"). Keeps the newest `limit` events; older ones
 * are gone, and a resume from before them replays what is left.
 */
export function createSessionEventStore(limit = 500): EventStore {
  // Event `seq` lives in slot `seq % limit` (a ring: storing is one write, never a shift of the whole list).
  const events: ({ seq: number; streamId: string; message: JSONRPCMessage } | undefined)[] = [];
  let seq = 0;

  const parse = (eventId: string): { streamId: string; seq: number } | undefined => {
    const at = eventId.lastIndexOf('::');
    if (at <= 0) return undefined;
    const n = Number(eventId.slice(at + 2));
    return Number.isSafeInteger(n) ? { streamId: eventId.slice(0, at), seq: n } : undefined;
  };

  return {
    async storeEvent(streamId, message) {
      seq += 1;
      events[seq % limit] = { seq, streamId, message };
      return `${streamId}::${seq}`;
    },
    async getStreamIdForEventId(eventId) {
      return parse(eventId)?.streamId;
    },
    async replayEventsAfter(lastEventId, { send }) {
      const last = parse(lastEventId);
      if (last === undefined) throw new Error('Unknown Last-Event-ID');
      for (let n = Math.max(last.seq + 1, seq - limit + 1); n <= seq; n++) {
        const event = events[n % limit];
        if (event?.seq === n && event.streamId === last.streamId) await send(`${event.streamId}::${n}`, event.message);
      }
      return last.streamId;
    },
  };
}
