import type { EventStore, JSONRPCMessage } from '@modelcontextprotocol/server';

/**
 * A bounded in-memory event store for one session, so a client whose SSE
 * stream broke can resume it with `Last-Event-ID` (Streamable HTTP,
 * "Resumability and Redelivery"). Keeps the newest `limit` events; older ones
 * are gone, and a resume from before them replays what is left.
 */
export function createSessionEventStore(limit = 500): EventStore {
  const events: { id: string; seq: number; streamId: string; message: JSONRPCMessage }[] = [];
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
      const id = `${streamId}::${seq}`;
      events.push({ id, seq, streamId, message });
      if (events.length > limit) events.shift();
      return id;
    },
    async getStreamIdForEventId(eventId) {
      return parse(eventId)?.streamId;
    },
    async replayEventsAfter(lastEventId, { send }) {
      const last = parse(lastEventId);
      if (last === undefined) throw new Error('Unknown Last-Event-ID');
      for (const event of events) {
        if (event.streamId === last.streamId && event.seq > last.seq) await send(event.id, event.message);
      }
      return last.streamId;
    },
  };
}
